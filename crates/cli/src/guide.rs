//! `banli guide ITEM.json [--format html|md]`: prints the service guide
//! (办事指南) that `banli_core::guide` builds from the definition. Given a
//! bundle file (一件事一次办), it merges the members as `banli bundle` does
//! and prints the bundle's one guide.

use banli_core::guide;

use crate::Outcome;
use crate::args::{GuideArgs, GuideFormat};
use crate::{input, out};

pub fn run(args: &GuideArgs) -> anyhow::Result<Outcome> {
    let item = input::load_definition(&args.item)?;
    let guide = guide::build(item.definition(), args.lang);
    let page = match args.format {
        GuideFormat::Html => guide::html::render(&guide),
        GuideFormat::Md => guide::markdown::render(&guide),
    };
    out::print(&page)?;
    Ok(Outcome::Clean)
}

// The demo portal's upload hook, one for the application form (the
// widget's uploadHook option) and for 补交 on the application page: a real
// portal sends the file to its own storage here; the demo keeps a note of
// it in window.demoUploads. ?upload=fail plays a failed upload.
export function uploadHook(params) {
  window.demoUploads = window.demoUploads ?? [];
  return async (file, materialId) => {
    if (params.get('upload') === 'fail') throw new Error('演示：存储服务暂不可用 / demo: storage unavailable');
    window.demoUploads.push({ materialId, name: file.name, size: file.size, type: file.type });
  };
}

/** The file's SHA-256 as 64 lowercase hexadecimal digits (as the widget records it). */
export async function sha256Hex(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

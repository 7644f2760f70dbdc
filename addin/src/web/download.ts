// Handing a file to the clerk: the browser's own download of a Blob, under the name given.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function download(bytes: Uint8Array, name: string, doc: Document = document, type = XLSX_TYPE): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the link; the object URL is let go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// The files port: handlers hand a generated file to a sink and get back a link or a path; which one is
// the composition root's choice (signed HTTPS links on a server, a file on disk in the console).

export interface FileToPublish {
  programmeId: string;
  /** The stored export's id (export_files): the content itself is in Postgres. */
  fileId: string;
  name: string;
  contentType: string;
  content: string;
  expiresAt: Date;
}

export type Published = { url: string } | { path: string };

export interface FileSink {
  publish(file: FileToPublish): Promise<Published>;
}

/** Keeps what was published in memory: the default when nothing is configured (tests), so a handler
 *  never fails for want of a sink. */
export function createMemoryFileSink(): FileSink & { published: (FileToPublish & Published)[] } {
  const published: (FileToPublish & Published)[] = [];
  return {
    published,
    async publish(file) {
      const where = { url: `memory://files/${file.fileId}/${encodeURIComponent(file.name)}` };
      published.push({ ...file, ...where });
      return where;
    },
  };
}

/** Excel reads a CSV as UTF-8 (å, ä, ö) only with a byte-order mark. It is added on delivery, not stored:
 *  PGlite's TextDecoder drops a leading BOM from text and postgres.js keeps it, so stored text stays BOM-free. */
export function forDelivery(contentType: string, content: string): string {
  return contentType.startsWith('text/csv') && !content.startsWith('\uFEFF') ? `\uFEFF${content}` : content;
}

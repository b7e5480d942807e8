// Every version of every appointment as it was answered, so the Location URL of a version keeps giving that
// version after later updates (seed 001: "This URL MUST remain stable").

export interface VersionSnapshot {
  resource: Record<string, unknown>;
  /** ETag and Last-Modified of that version. */
  headers: Record<string, string>;
}

export class VersionHistory {
  private readonly versions = new Map<string, VersionSnapshot>();

  record(id: string, versionId: string, snapshot: VersionSnapshot): void {
    this.versions.set(`${id}/_history/${versionId}`, structuredClone(snapshot));
  }

  get(id: string, versionId: string): VersionSnapshot | undefined {
    const found = this.versions.get(`${id}/_history/${versionId}`);
    return found && structuredClone(found);
  }
}

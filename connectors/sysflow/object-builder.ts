import type { AttrValue, ObservedObject } from '../../src/model/observation';

/** Builds one Observation's objects, keyed "0", "1", … in the order they are added. */
export class ObjectBuilder {
  readonly objects: ObservedObject[] = [];

  /** Adds an object; attributes that are undefined are left out. Returns its key. */
  add(type: string, attrs: Record<string, AttrValue | undefined>, refs: Record<string, string | string[]> = {}): string {
    const key = String(this.objects.length);
    const kept: Record<string, AttrValue> = {};
    for (const k of Object.keys(attrs)) if (attrs[k] !== undefined) kept[k] = attrs[k];
    this.objects.push({ key, type, attrs: kept, refs });
    return key;
  }

  /** A file and its directory, from an absolute path. */
  addFile(filePath: string): string {
    const cut = filePath.lastIndexOf('/');
    if (cut < 0) return this.add('file', { name: filePath });
    const dir = this.add('directory', { path: cut === 0 ? '/' : filePath.slice(0, cut) });
    return this.add('file', { name: filePath.slice(cut + 1) }, { parent_directory_ref: dir });
  }
}

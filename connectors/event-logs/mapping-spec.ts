/** The shape of a mapping file (mappings/*.yaml), as parsed; README.md describes each part. */
export interface MappingSpec {
  /** Fields whose values, joined by '|', pick the event kind (channel or module, then event id). */
  kind: string[];
  /** Attribute specs ("Field, Other | transform") for the record's time, log time and host. */
  time: string;
  logged_at?: string;
  host: string;
  /** Attributes of every record's x-oca-event. */
  event: Record<string, string>;
  /** The objects an event may create, by local name. */
  objects: Record<string, ObjectSpec>;
  /** Event kinds: first kind value, then second ('*' for any other). A top-level '*' catches the rest. */
  events: Record<string, Record<string, EventSpec> | EventSpec>;
}

export interface ObjectSpec {
  /** An entity type; `ip-addr` becomes ipv4-addr or ipv6-addr by value. */
  type: string;
  attrs: Record<string, string>;
  /** The attributes of which one at least must have a value for the object to exist (default: any attribute). */
  identified_by?: string[];
  /** An attribute holding a list: one object per element. */
  each?: string;
  /** Ref name to the local name of another object of the same event. */
  refs?: Record<string, string>;
}

export interface EventSpec {
  action?: string;
  category?: string;
  objects?: string[];
  /** x-oca-event ref name to an object's local name. */
  refs?: Record<string, string>;
}

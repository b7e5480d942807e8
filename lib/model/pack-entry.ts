// A target's pack entry key is a pack id, or `<pack id>@<label>`: another instance of the same pack on
// the same target (the reference target serves fhir-rest-booking once per FHIR version). The runner
// runs an instance's suites as a pack of that name, and its scenario ids carry the label, so the two
// instances' results never share an id.

const SEPARATOR = '@';

/** The pack a target entry runs: the key up to '@'. */
export function packOfEntry(key: string): string {
  const at = key.indexOf(SEPARATOR);
  return at < 0 ? key : key.slice(0, at);
}

/** A scenario's id as the entry runs it: the label appended for an instance (`FRB-BOOK-001@stu3`). */
export function scenarioIdFor(id: string, entry: string): string {
  const at = entry.indexOf(SEPARATOR);
  return at < 0 ? id : `${id}${entry.slice(at)}`;
}

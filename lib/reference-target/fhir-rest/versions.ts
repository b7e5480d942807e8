// What differs between the two FHIR releases this server speaks, and nothing else: the release number it
// declares, the Appointment statuses each release defines, and the CapabilityStatement elements one
// release requires and the other does not have.
export type FhirRelease = 'stu3' | 'r4';

export const RELEASES: readonly FhirRelease[] = ['stu3', 'r4'];

/** CapabilityStatement.fhirVersion: the release's published version number. */
export const FHIR_VERSION_NUMBER: Record<FhirRelease, string> = { stu3: '3.0.2', r4: '4.0.1' };

/** Appointment.status codes of the release (R4 added checked-in and waitlist). */
export const APPOINTMENT_STATUSES: Record<FhirRelease, readonly string[]> = {
  stu3: ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error'],
  r4: ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist'],
};

/** STU3 CapabilityStatement.acceptUnknown is 1..1; R4 removed the element. */
export function releaseCapabilityElements(release: FhirRelease): Record<string, unknown> {
  return release === 'stu3' ? { acceptUnknown: 'no' } : {};
}

/** The path segment below the pack's base that names the release: /fhir-rest/stu3, /fhir-rest/r4. */
export function releaseOf(segment: string | undefined): FhirRelease | undefined {
  return RELEASES.find((r) => r === segment);
}

// `init DIR`: a starting point for a supplier's own pack, kept in their repository. It writes a pack
// folder (pack.yaml, one suite, one fixture body) and a targets file that loads it and points it at
// the embedded reference target, so `lint` and `run` pass before the user changes a line. The pack
// speaks GP Connect (the reference target's richest endpoint); its comments say what to change.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Io } from './commands.ts';
import { EXIT } from './exit-codes.ts';

const PACK_ID = /^[a-z0-9][a-z0-9.-]*$/;

export function initCommand(opts: { dir: string; pack: string }, io: Io): number {
  const dir = resolve(opts.dir);
  if (!PACK_ID.test(opts.pack)) {
    io.err(`--pack '${opts.pack}': a pack id is lower-case letters, digits, dots and dashes, starting with a letter or digit`);
    return EXIT.input;
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    io.err(`${opts.dir} is not empty: init writes into a new or empty folder, and never over your files`);
    return EXIT.input;
  }
  const files = scaffold(opts.pack);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const shown = relative(process.cwd(), dir) || '.';
  for (const path of Object.keys(files)) io.out(`wrote ${join(shown, path)}`);
  io.out(`\nnext: booking-conformance lint --targets ${join(shown, 'targets.yaml')}`);
  io.out(`      booking-conformance run --targets ${join(shown, 'targets.yaml')}`);
  return EXIT.ok;
}

/** Every file of a new pack and its targets file, by path below DIR. */
export function scaffold(pack: string): Record<string, string> {
  return {
    [`${pack}/pack.yaml`]: packYaml(pack),
    [`${pack}/book.yaml`]: suiteYaml(pack),
    [`${pack}/fixtures/appointment.yaml`]: APPOINTMENT,
    'targets.yaml': targetsYaml(pack),
  };
}

function packYaml(pack: string): string {
  return `# Your pack: the facts its suites share. Every key is described in the README, "Write your own pack".
pack: ${pack}
title: My booking pack
source: GP Connect Appointment Management 1.2 (search free slots, book an appointment)
fhirVersion: stu3
# The identity a target must configure for this pack (targets.yaml auth: kind).
auth: gpconnect-jwt
defaultHeaders:
  Accept: application/fhir+json
# The errors your document defines, for outcome: CODE. Leave the block out where it defines none: steps then
# check plain FHIR errors with outcome: { status: 404, issue: not-found }.
operationOutcome:
  profile: https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1
  system: https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1
  codes:
    DUPLICATE_REJECTED: { status: 409, issue: duplicate }
# gpconnect-jwt packs: the interaction ids the steps send (Ssp-InteractionID) and the JWT scope of each.
interactions:
  urn:nhs:names:services:gpconnect:fhir:rest:search:slot-1: { scope: organization/*.read }
  urn:nhs:names:services:gpconnect:fhir:rest:create:appointment-1: { scope: patient/*.write }
`;
}

function suiteYaml(pack: string): string {
  return `# One suite: scenarios for one interaction. Each scenario names the clause it checks (requirement, source).
suite: book
pack: ${pack}
title: Book a free slot
source: GP Connect 1.2, book an appointment

scenarios:
  - id: MY-BOOK-001
    title: a free slot is booked, answered 201 with the Appointment
    level: MUST
    requirement: "Book an appointment answers 201 Created with the Appointment it created."
    source: GP Connect 1.2, book an appointment (response)
    steps:
      - name: search for free slots
        request:
          method: GET
          path: /Slot
          interaction: urn:nhs:names:services:gpconnect:fhir:rest:search:slot-1
          query: { start: "ge\${date:+1d}", end: "le\${date:+7d}", status: free, _include: Slot:schedule }
        expect:
          status: 200
          fhirpath:
            - Bundle.type = 'searchset'
        capture:
          # pick: random hands each scenario of a run its own slot; orSkip: a test system may have none free.
          slot: { fhirpath: "Bundle.entry.resource.where(resourceType = 'Slot')", pick: random, orSkip: needs a free slot }
          schedule: Bundle.entry.resource.where(resourceType = 'Schedule').where(('Schedule/' + id) = %slot.schedule.reference).first()
          locationRef: "%schedule.actor.reference.where(startsWith('Location/')).first()"
      - name: book it
        request:
          method: POST
          path: /Appointment
          interaction: urn:nhs:names:services:gpconnect:fhir:rest:create:appointment-1
          body: { fixture: appointment }
        expect:
          status: 201
          location: history
          fhirpath:
            - Appointment.status = 'booked'
            - Appointment.slot.reference contains ('Slot/' + %slot.id)
`;
}

const APPOINTMENT = `# A request body: \${name} is a value an earlier step captured, \${fixture.X} a value the target provides.
resourceType: Appointment
meta:
  profile: [https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1]
contained:
  - resourceType: Organization
    id: "1"
    meta:
      profile: [https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Organization-1]
    identifier:
      - system: https://fhir.nhs.uk/Id/ods-organization-code
        value: "\${fixture.consumerOds}"
    name: "\${fixture.consumerName}"
    telecom:
      - system: phone
        value: "\${fixture.consumerPhone}"
        use: work
extension:
  - url: https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-BookingOrganisation-1
    valueReference: { reference: "#1" }
status: booked
start: "\${slot.start}"
end: "\${slot.end}"
slot:
  - reference: "Slot/\${slot.id}"
created: "\${now}"
description: Booked by my pack
participant:
  - actor: { reference: "Patient/\${fixture.patientId}" }
    status: accepted
  - actor: { reference: "\${locationRef}" }
    status: accepted
`;

function targetsYaml(pack: string): string {
  return `# Targets: the systems your packs run against. suites: loads your pack folders (relative to this file).
suites: [.]
default: embedded

targets:
  # The tool's embedded reference target: a faithful GP Connect provider, for trying the pack out.
  # Your own system: a target with base: https://..., the same auth with your values, and its fixtures.
  embedded:
    embedded: { seed: 1 }
    testEnvironment: true
    packs:
      ${pack}:
        base: /gpconnect/fhir
        auth:
          kind: gpconnect-jwt
          sspFrom: "200000000359"
          sspTo: "918999198993"
          iss: https://consumer.example.nhs.uk
          organization: { ods: Y90001, name: Southfield NHS 111 Service }
          practitioner:
            id: "1"
            family: Parsons
            given: Alex
            prefix: Dr
            sdsUserId: G13579135
            sdsRoleProfileId: "111111111"
            localUserId: https://consumer.example.nhs.uk/Id/user-guid|98ed4f78-814d-4266-8d5b-cde742f3093c
          device: { system: https://consumer.example.nhs.uk/Id/device, value: my-pack, model: booking-conformance, version: "1" }
        # What the scenarios need from the target: data only it can provide.
        fixtures:
          patientId: "1"
          consumerOds: Y90001
          consumerName: Southfield NHS 111 Service
          consumerPhone: "01632 960001"
`;
}

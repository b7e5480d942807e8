// Test helper: the CapabilityStatement Medplum's server answers at GET [base]/metadata, built the way
// that server builds it (packages/server/src/fhir/metadata.ts in github.com/medplum/medplum, Apache-2.0):
// one entry per base R4 resource type @medplum/core has indexed, each with the same interactions,
// versioning policy and conditional flags, and the search parameters core knows for the type.
//
// Why the adapter serves it at all: @medplum/fhir-router has no capabilities route (GET /metadata
// reaches its search route and answers an empty searchset of a type named "metadata"), and the server
// that adds one is not published on npm. Without a statement every fhir-rest-booking scenario stops
// at its first step, so the harness stands in for Medplum's server here with Medplum's own
// declaration — never one that claims more (it declares versioning 'versioned', not
// 'versioned-update', so the pack's If-Match scenarios skip). Left out: security (the adapter has no
// auth), software/implementation URLs, the fhircast extension and US Core profile lists.

import { getAllDataTypes, getSearchParameters, isResourceType, MEDPLUM_VERSION } from '@medplum/core';
import type { CapabilityStatement, CapabilityStatementRestResource, CapabilityStatementRestResourceSearchParam, ResourceType } from '@medplum/fhirtypes';

/** Medplum's interactions for every resource type, in its order. */
const INTERACTIONS = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'create', 'search-type'] as const;

function searchParamsOf(resourceType: string): CapabilityStatementRestResourceSearchParam[] | undefined {
  const params = Object.values(getSearchParameters(resourceType) ?? {});
  return params.length ? params.map((p) => ({ name: p.code!, definition: p.url!, type: p.type! })) : undefined;
}

function resourceEntry(resourceType: ResourceType, profile: string): CapabilityStatementRestResource {
  const searchParam = searchParamsOf(resourceType);
  return {
    type: resourceType,
    profile,
    interaction: INTERACTIONS.map((code) => ({ code })),
    versioning: 'versioned',
    readHistory: true,
    updateCreate: false,
    conditionalCreate: true,
    conditionalUpdate: true,
    conditionalRead: 'not-supported',
    conditionalDelete: 'single',
    referencePolicy: ['literal', 'logical', 'local'],
    ...(searchParam ? { searchParam } : {}),
  };
}

/** The statement for a server whose FHIR base is `base` (definitions must be loaded first). */
export function medplumCapabilityStatement(base: string): CapabilityStatement {
  const resource = Object.entries(getAllDataTypes())
    .filter(([type, schema]) => isResourceType(type) && schema.url?.startsWith('http://hl7.org/fhir/StructureDefinition/') && schema.version === '4.0.1')
    .map(([type, schema]) => resourceEntry(type as ResourceType, schema.url!));
  return {
    resourceType: 'CapabilityStatement',
    id: 'medplum-server',
    version: MEDPLUM_VERSION,
    name: 'MedplumCapabilityStatement',
    title: 'Medplum Capability Statement',
    status: 'active',
    date: new Date().toISOString(),
    publisher: 'Medplum',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    patchFormat: ['application/json-patch+json'],
    url: `${base}/metadata`,
    rest: [{ mode: 'server', resource, interaction: [{ code: 'transaction' }, { code: 'batch' }] }],
  };
}

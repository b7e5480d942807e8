// GET [base]/metadata: the GP Connect CapabilityStatement, named for the practice it describes.
import type { Reply } from '../../types.ts';
import { capabilityStatement as gpConnectStatement } from '../../gpconnect/interactions/metadata.ts';
import { coreCall, type ApiHubCall } from '../context.ts';

export function capabilityStatement(call: ApiHubCall): Reply {
  const reply = gpConnectStatement(coreCall(call));
  const statement = reply.body as Record<string, unknown>;
  return {
    ...reply,
    body: {
      ...statement,
      name: `API Hub appointments: ${call.practice.def.name} (${call.practice.def.ods})`,
      implementation: { description: `${call.practice.def.name}, a federated practice of the API Hub reference target`, url: call.req.baseUrl },
    },
  };
}

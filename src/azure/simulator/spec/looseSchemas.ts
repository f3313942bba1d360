/**
 * Shapes for the ARM responses that have no spec in the vendored set (API Management, provider registration,
 * permissions). Loose on purpose: they pin the fields the bot reads and let everything else through.
 */
const resourceId = { type: 'string', pattern: '^/subscriptions/' };
const text = { type: 'string' };

/** An object that must have the fields named in `required`; any other field is allowed. */
function objectWith(required: readonly string[], properties: Record<string, unknown>) {
  return { type: 'object', required, properties };
}

/** ARM's list envelope: the items in `value`, and a `nextLink` (a string when present) on a list that pages. */
function listOf(items: unknown, options: { paged: boolean }) {
  return objectWith(['value'], { value: { type: 'array', items }, ...(options.paged ? { nextLink: text } : {}) });
}

export const LOOSE_SCHEMAS = {
  ApiManagementServiceList: listOf(
    objectWith(['id', 'name', 'type', 'location', 'sku'], {
      id: resourceId,
      name: text,
      type: { const: 'Microsoft.ApiManagement/service' },
      location: text,
      sku: objectWith(['name', 'capacity'], { name: text, capacity: { type: 'integer' } }),
    }),
    { paged: true },
  ),
  ApiManagementApiList: listOf(
    objectWith(['id', 'name', 'type', 'properties'], {
      id: resourceId,
      name: text,
      type: { const: 'Microsoft.ApiManagement/service/apis' },
      properties: objectWith(['displayName', 'path', 'isCurrent', 'apiRevision'], {
        displayName: text,
        path: text,
        isCurrent: { type: 'boolean' },
        apiRevision: text,
      }),
    }),
    { paged: true },
  ),
  ProviderRegistration: objectWith(['id', 'namespace', 'registrationState'], {
    id: resourceId,
    namespace: text,
    registrationState: { enum: ['Registered', 'NotRegistered', 'Registering', 'Unregistering'] },
  }),
  PermissionList: listOf(
    objectWith(['actions', 'notActions', 'dataActions', 'notDataActions'], {
      actions: { type: 'array', items: text },
      notActions: { type: 'array', items: text },
      dataActions: { type: 'array', items: text },
      notDataActions: { type: 'array', items: text },
    }),
    { paged: false },
  ),
};

export type LooseSchemaName = keyof typeof LOOSE_SCHEMAS;

/**
 * Shapes for the ARM responses that have no spec in the vendored set (API Management, provider registration,
 * permissions). Loose on purpose: they pin the fields the bot reads and let everything else through.
 */
const resourceId = { type: 'string', pattern: '^/subscriptions/' };

export const LOOSE_SCHEMAS = {
  ApiManagementServiceList: {
    type: 'object',
    required: ['value'],
    properties: {
      value: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name', 'type', 'location', 'sku'],
          properties: {
            id: resourceId,
            name: { type: 'string' },
            type: { const: 'Microsoft.ApiManagement/service' },
            location: { type: 'string' },
            sku: { type: 'object', required: ['name', 'capacity'], properties: { name: { type: 'string' }, capacity: { type: 'integer' } } },
          },
        },
      },
      nextLink: { type: 'string' },
    },
  },
  ApiManagementApiList: {
    type: 'object',
    required: ['value'],
    properties: {
      value: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name', 'type', 'properties'],
          properties: {
            id: resourceId,
            name: { type: 'string' },
            type: { const: 'Microsoft.ApiManagement/service/apis' },
            properties: {
              type: 'object',
              required: ['displayName', 'path', 'isCurrent', 'apiRevision'],
              properties: {
                displayName: { type: 'string' },
                path: { type: 'string' },
                isCurrent: { type: 'boolean' },
                apiRevision: { type: 'string' },
              },
            },
          },
        },
      },
      nextLink: { type: 'string' },
    },
  },
  ProviderRegistration: {
    type: 'object',
    required: ['id', 'namespace', 'registrationState'],
    properties: {
      id: resourceId,
      namespace: { type: 'string' },
      registrationState: { enum: ['Registered', 'NotRegistered', 'Registering', 'Unregistering'] },
    },
  },
  PermissionList: {
    type: 'object',
    required: ['value'],
    properties: {
      value: {
        type: 'array',
        items: {
          type: 'object',
          required: ['actions', 'notActions', 'dataActions', 'notDataActions'],
          properties: {
            actions: { type: 'array', items: { type: 'string' } },
            notActions: { type: 'array', items: { type: 'string' } },
            dataActions: { type: 'array', items: { type: 'string' } },
            notDataActions: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

export type LooseSchemaName = keyof typeof LOOSE_SCHEMAS;

/** Where each service (the api, the cti-server) serves the OpenAPI 3 document of its HTTP routes (JSON). */
export const OPENAPI_PATH = '/openapi.json';

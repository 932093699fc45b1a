export {
  signToken,
  verifyToken,
  verifyTokenOfKind,
  TokenError,
  type AgentClaims,
  type AgentRole,
  type BaseClaims,
  type GrantClaims,
  type GrantLevel,
  type ServiceClaims,
  type SignOptions,
  type TokenClaims,
  type VerificationClaims,
  type VerifyOptions,
} from './token';
export { hashPassword, verifyPassword, passwordProblem, PASSWORD_HASH_PARAMS, DEMO_PASSWORD } from './password';
export { modeFromEnv, resolveTokenSecret, secretProblem, randomSecret, MIN_SECRET_BYTES, SECRET_FILE, type OctopusMode, type ResolveSecretOptions } from './secret';

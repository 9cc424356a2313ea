import type { ComposeService } from './composeModel';

/** The profiles asked for plus COMPOSE_PROFILES (comma-separated). */
export function activeProfiles(asked: readonly string[], fromEnvironment: string | undefined): Set<string> {
  const profiles = new Set(asked);
  for (const profile of (fromEnvironment ?? '').split(',')) {
    if (profile.trim() !== '') {
      profiles.add(profile.trim());
    }
  }
  return profiles;
}

/** A service without profiles is always on; one with profiles when one of them is active (`*` activates all). */
export function isEnabled(service: ComposeService, active: ReadonlySet<string>): boolean {
  return service.profiles.length === 0 || active.has('*') || service.profiles.some((profile) => active.has(profile));
}

import { EngineClient } from '../engine/engineClient';
import { missingCapability } from '../engine/engineFlavor';
import { BuildFailure, BuilderChoice } from './buildTypes';

/** The first Engine API version whose /build takes `version=2` (BuildKit). */
const FIRST_BUILDKIT_API = [1, 39] as const;

/**
 * BuildKit unless the user chose the classic builder, or the engine cannot run BuildKit: Podman
 * (its flavor says so), a Windows engine, an API older than 1.39, or an engine whose administrator turned it off
 * (`features.buildkit: false` makes /_ping say Builder-Version 1, as the docker CLI reads it).
 */
export async function chooseBuilder(client: EngineClient, choice: BuilderChoice, signal?: AbortSignal): Promise<'buildkit' | 'classic'> {
  if (choice === 'classic') {
    return choice;
  }
  // Podman answers /_ping with API 1.41 and an empty Builder-Version, yet its /build has no BuildKit session.
  // An engine whose /version fails (a stand-in that serves only /_ping and /build) is decided by /_ping alone.
  const flavor = await client.version(signal).then((v) => v.flavor, () => undefined);
  const missing = flavor && missingCapability(flavor, 'buildkit');
  if (flavor && missing !== undefined) {
    if (choice === 'buildkit') {
      throw new BuildFailure(`"builder": "buildkit" cannot be used on ${flavor.label}: ${missing}`, undefined, undefined);
    }
    return 'classic';
  }
  if (choice === 'buildkit') {
    return choice;
  }
  const ping = await client.ping(signal);
  if (ping.builderVersion === '1' || ping.osType === 'windows') {
    return 'classic';
  }
  const [major = 0, minor = 0] = (ping.apiVersion ?? '').split('.').map(Number);
  const [firstMajor, firstMinor] = FIRST_BUILDKIT_API;
  return major > firstMajor || (major === firstMajor && minor >= firstMinor) ? 'buildkit' : 'classic';
}

/** The manifest media types a GET asks for: Docker schema 2, OCI, and lists/indexes of both. */
export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

export const MANIFEST_ACCEPT = Object.values(MEDIA_TYPES).join(', ');

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  readonly digest: string;
}

/** What a tag points at, summarised for the tree. */
export type ManifestSummary =
  | { readonly kind: 'image'; readonly mediaType: string; readonly configDigest: string; readonly size: number; readonly layers: number }
  | { readonly kind: 'index'; readonly mediaType: string; readonly platforms: readonly Platform[] }
  | { readonly kind: 'other'; readonly mediaType: string };

interface Descriptor {
  mediaType?: unknown;
  digest?: unknown;
  size?: unknown;
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown };
}

const sizeOf = (descriptor: Descriptor | undefined): number => (typeof descriptor?.size === 'number' && descriptor.size >= 0 ? descriptor.size : 0);

/**
 * Reads a manifest body: an image (size = config + layers, as the registry stores it, compressed),
 * a list/index (its platforms), or something else (schema 1, artifacts) shown by media type only.
 * Throws on a body that is not a JSON object.
 */
export function summarizeManifest(body: string, contentType: string | undefined): ManifestSummary {
  const parsed = JSON.parse(body) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('the manifest is not a JSON object');
  }
  const manifest = parsed as { mediaType?: unknown; config?: Descriptor; layers?: unknown; manifests?: unknown };
  const mediaType = (typeof manifest.mediaType === 'string' ? manifest.mediaType : undefined) ?? contentType?.split(';')[0]?.trim() ?? 'unknown';
  if (Array.isArray(manifest.manifests)) {
    const platforms = (manifest.manifests as Descriptor[]).flatMap((entry) => {
      const p = entry?.platform;
      if (!p || typeof p.os !== 'string' || typeof p.architecture !== 'string' || typeof entry.digest !== 'string') return [];
      // Attestations (buildx provenance) are listed as unknown/unknown: not a platform.
      if (p.os === 'unknown') return [];
      return [{ os: p.os, architecture: p.architecture, ...(typeof p.variant === 'string' && { variant: p.variant }), digest: entry.digest }];
    });
    return { kind: 'index', mediaType, platforms };
  }
  if (manifest.config && typeof manifest.config.digest === 'string' && Array.isArray(manifest.layers)) {
    const layers = manifest.layers as Descriptor[];
    const size = sizeOf(manifest.config) + layers.reduce((total, layer) => total + sizeOf(layer), 0);
    return { kind: 'image', mediaType, configDigest: manifest.config.digest, size, layers: layers.length };
  }
  return { kind: 'other', mediaType };
}

/** The `created` date of an image config blob, when it has a valid one. */
export function createdOf(configBody: string): Date | undefined {
  try {
    const config = JSON.parse(configBody) as { created?: unknown };
    if (typeof config.created === 'string') {
      const date = new Date(config.created);
      return Number.isNaN(date.getTime()) ? undefined : date;
    }
  } catch {
    // not JSON: no date
  }
  return undefined;
}

export function platformLabel(platform: Platform): string {
  return `${platform.os}/${platform.architecture}${platform.variant ? `/${platform.variant}` : ''}`;
}

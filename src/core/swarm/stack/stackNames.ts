import type { ComposeProject } from '../../compose/model/composeModel';

/** `<namespace>_<name>`, as the CLI's Namespace.Scope. */
export function scoped(namespace: string, name: string): string {
  return `${namespace}_${name}`;
}

/**
 * The engine name of a network, volume, secret or config a stack uses: the name the file gave it
 * (or an external object's own name), else `<namespace>_<key>`. The compose model already named
 * unnamed objects `<project>_<key>`; that default is what is replaced by the namespace.
 */
export function scopedName(project: ComposeProject, namespace: string, key: string, declared: { readonly name: string; readonly external: boolean } | undefined): string {
  if (declared === undefined || (!declared.external && declared.name === `${project.name}_${key}`)) {
    return scoped(namespace, key);
  }
  return declared.name;
}

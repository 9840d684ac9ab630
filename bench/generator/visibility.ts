import { type Service } from './model';

/**
 * Bookkeeping that keeps subset lookups unambiguous. A client namespace that routes to a host by
 * subset must resolve it to the host's own DestinationRule, so a namespace never holds both a
 * subset reference to a host and a client-side DestinationRule for it (which would shadow the
 * owner's rule and hide its subsets).
 */
export class Visibility {
  private readonly subsetRefs = new Set<string>();
  private readonly clientDrs = new Set<string>();
  private readonly ownDr = new Map<Service, string[] | undefined>();

  addOwnDr(svc: Service): void {
    if (svc.routing || svc.drOnly) this.ownDr.set(svc, svc.drExport);
  }

  /** Whether the service's own DestinationRule is exported to `clientNs`. */
  ownDrVisible(svc: Service, clientNs: string): boolean {
    if (!this.ownDr.has(svc)) return false;
    return exportedTo(this.ownDr.get(svc), svc.ns.name, clientNs);
  }

  addSubsetRef(clientNs: string, svc: Service): void {
    this.subsetRefs.add(`${clientNs}|${svc.fqdn}`);
  }

  hasSubsetRef(clientNs: string, svc: Service): boolean {
    return this.subsetRefs.has(`${clientNs}|${svc.fqdn}`);
  }

  addClientDr(clientNs: string, svc: Service): void {
    this.clientDrs.add(`${clientNs}|${svc.fqdn}`);
  }

  hasClientDr(clientNs: string, svc: Service): boolean {
    return this.clientDrs.has(`${clientNs}|${svc.fqdn}`);
  }
}

export function exportsEverywhere(exportTo: readonly string[] | undefined): boolean {
  return !exportTo || exportTo.length === 0 || exportTo.includes('*');
}

/** Istio exportTo semantics: absent or "*" means everywhere, "." the owner's namespace. */
export function exportedTo(exportTo: readonly string[] | undefined, ownerNs: string, clientNs: string): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  return exportTo.some(e => e === '*' || (e === '.' ? ownerNs === clientNs : e === clientNs));
}

// Method + path routing with `:name` segments, shared by the API, control API and hosted pages.

export interface Match<H> {
  handler: H;
  pathParams: Record<string, string>;
}

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): void {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
  }

  match(method: string, path: string): Match<H> | undefined {
    const parts = path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const pathParams: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < parts.length && matched; i++) {
        const segment = route.segments[i]!;
        if (segment.startsWith(':')) pathParams[segment.slice(1)] = decodeURIComponent(parts[i]!);
        else matched = segment === parts[i];
      }
      if (matched) return { handler: route.handler, pathParams };
    }
    return undefined;
  }
}

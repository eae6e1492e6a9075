// Module resolve hook for scripts/gen-api.mjs. openapi-typescript 7 builds its
// output with the TypeScript 5 compiler API, which TypeScript 7 (this
// project's compiler, a native binary) no longer ships as a JavaScript API.
// package.json's "overrides" satisfies openapi-typescript's peer dependency
// with the project's TypeScript (so `npm ci` needs no --legacy-peer-deps), and
// this hook sends its bare imports of "typescript" to the "typescript-5" alias
// package instead.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'typescript') return nextResolve('typescript-5', context)
  return nextResolve(specifier, context)
}

// webpack.shared.ts loads `.css` as its source text (asset/source).
declare module '*.css' {
  const source: string;
  // eslint-disable-next-line no-restricted-syntax -- declares what webpack gives (a default export), not ours to name
  export default source;
}

declare module "virtual:furrow-deployments" {
  const journals: Record<string, Record<string, string>>;
  export default journals;
}

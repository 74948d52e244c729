/**
 * A suite that needs a part outside npm (a browser, a Python package): `describe` when `missing` is undefined; else
 * skipped, saying why and how to install it on one line, except under `CI=true`, where a missing part fails the suite.
 */
export function describeWithPart(name: string, missing: string | undefined, body: () => void): void {
  if (missing === undefined) describe(name, body);
  else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has the part it needs (CI=true)', () => {
        throw new Error(missing);
      });
    });
  } else {
    // On stderr: jest does not show the console of a file whose tests all skip.
    process.stderr.write(`${name}: skipped, ${missing}\n`);
    describe.skip(name, body);
  }
}

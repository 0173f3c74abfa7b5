import { rule } from '../rule';
import { stageChain } from '../../server/src/dockerfile/model';
import type { Instruction } from '../../server/src/dockerfile/parser';
import { isBuildTool, packageChange, type PackageWord } from './_build-tools';

export default rule({
  id: 'dockerfile/multi-stage-build-tools',
  kind: 'dockerfile',
  title: 'Build tools installed in the final image',
  severity: 'medium',
  rationale: 'Compilers, build systems and SDKs (gcc, make, build-essential, Go, Rust, Maven, a JDK …) are needed to build the application, not to run it. Left in the final image they add hundreds of packages to patch and scan, and they hand an attacker who gets code execution a ready toolchain to build exploits inside the container. Build in a separate stage and copy only the artifacts into a minimal final stage. Tools removed again in the same stage (`apk del` of the virtual package, `apt-get purge`, `apt-mark auto` followed by `apt-get purge --auto-remove`) are not reported.',
  references: [
    'CIS Docker Benchmark 4.3: Ensure that unnecessary packages are not installed in the container',
    'NIST SP 800-190 §4.1.1: Image vulnerabilities',
  ],
  equivalents: {},
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    // the final stage and the stages it is built on, in build order
    const chain = stageChain(final).reverse();
    const installed: { pkg: PackageWord; group: string | null; ins: Instruction; manager: string }[] = [];
    const gone = (i: (typeof installed)[number]) => installed.splice(installed.indexOf(i), 1);
    for (const stage of chain) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') continue;
        let markedAuto = false;
        for (const cmd of model.shell(ins)) {
          const op = packageChange(cmd);
          if (!op) continue;
          if (op.action === 'install') {
            for (const pkg of op.packages) installed.push({ pkg, group: op.group, ins, manager: op.manager });
          } else if (op.action === 'remove') {
            const names = new Set(op.packages.map(p => p.name));
            for (const i of installed.filter(x => x.manager === op.manager && (names.has(x.pkg.name) || (x.group !== null && names.has(x.group))))) gone(i);
          } else if (op.action === 'mark-auto') {
            markedAuto = true;
          } else if (op.action === 'autoremove' && markedAuto) {
            // apt-mark auto '.*'; apt-mark manual $kept; apt-get purge --auto-remove: the official images' idiom
            for (const i of installed.filter(x => x.manager === op.manager && x.ins === ins)) gone(i);
          }
        }
      }
    }
    for (const { pkg } of installed) {
      if (!isBuildTool(pkg.name)) continue;
      const what = pkg.name === 'development-tools' ? 'The "Development Tools" group installs build tools that stay' : `${pkg.name} is a build tool and stays`;
      report(pkg.word, `${what} in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)`);
    }
  },
});

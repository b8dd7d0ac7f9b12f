#!/usr/bin/env python3
"""Lists every KNIME type and member the compiled node layer references (from the class files' constant
pools, via javap), grouped by type, into docs/KNIME-API-USED.md. Run after `mvn compile`."""
import collections
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
classes = sorted(str(p) for p in (ROOT / "target/classes/org/modeconn/knime").rglob("*.class"))
out = subprocess.run(["javap", "-v", "-p", *classes], capture_output=True, text=True, check=True).stdout
refs = collections.defaultdict(set)
for kind, ref in re.findall(r"= (Methodref|InterfaceMethodref|Fieldref|Class)\s+\S+\s+// (\S+)", out):
    ref = ref.strip('"')
    if not ref.startswith("org/knime/"):
        continue
    owner, _, member = ref.partition(".")
    refs[owner.replace("/", ".").replace("$", ".")].add(member.replace('"', ""))
for t in re.findall(r"L(org/knime/[A-Za-z0-9/$]+);", out):
    refs.setdefault(t.replace("/", ".").replace("$", "."), set())
lines = ["# KNIME API used by the nodes", "",
         "Every KNIME type and member the compiled node layer (`org.modeconn.knime.*`) references, read from its",
         "class files by `tools/list_knime_api.py`. Member descriptors are JVM descriptors. Each is declared in the",
         "compile-only subset (`src/knime-api-subset/`) with KNIME 5.12's package and signature.", "",
         "Every one of them exists from KNIME 5.7.0 on, checked at the release tags of knime-core and knime-core-ui",
         "(the newest is `DefaultNode.RequireSinceVersion`, the builder step `sinceVersion` between",
         "`fullDescription` and `ports`, first in 5.7.0; the rest of `org.knime.node` is there from 5.6.0, knime-core's",
         "members from 5.2.0): the lower bound of MANIFEST.MF's Require-Bundle. Check a member that is added here",
         "the same way, and raise the bound (README, the features, `KnimeRelease`) if it is newer.", ""]
for owner in sorted(refs):
    lines.append(f"- `{owner}`")
    for m in sorted(refs[owner]):
        if m:
            lines.append(f"  - `{m}`")
lines += ["", "## Members the nodes implement (overrides)", "",
          "- `DefaultNodeFactory`: extended by `ModeConnNodeFactory`, constructor `DefaultNodeFactory(DefaultNode)`; "
          "nothing overridden (KNIME declares its members final, the Swing ones among them)",
          "- `DefaultModel`: the configure and execute functions, given as lambdas "
          "(`ConfigureOrRearrangerConsumer`, `ExecuteConsumer`)",
          "- `NodeParameters`: `validate()`",
          "- `PortObject`: `getSummary()`, `getSpec()`, `getViews()`; `PortObjectSpec`: `getViews()`",
          "- `PortObject.PortObjectSerializer`: `savePortObject`, `loadPortObject`; "
          "`PortObjectSpec.PortObjectSpecSerializer`: `savePortObjectSpec`, `loadPortObjectSpec`",
          "- `FileStorePortObject`: extended; `getFileStore(int)` called, the `List<FileStore>` and empty constructors used",
          "- `CompatibleColumnsProvider`: extended (class column choices)",
          "- `NodeFactory`: extended by `EnsembleLoopEndNodeFactory` (a loop end cannot be a `DefaultNodeFactory`): "
          "`createNodeModel`, `getNrNodeViews`, `createNodeView`, `hasDialog`, `createNodeDialogPane`; its description "
          "is the XML file beside it, which `NodeFactory.createNodeDescription` reads (schema v4.1)",
          "- `NodeModel`: extended by `EnsembleLoopEndNodeModel`, which implements `LoopEndNode`: `configure`, "
          "`execute`, `reset`, the settings and internals methods; `continueLoop()` and `getLoopStartNode()` called "
          "(all there before 5.0)",
          "- `EffectPredicateProvider`: `init`"]
(ROOT / "docs/KNIME-API-USED.md").write_text("\n".join(lines) + "\n")
print(len(refs), "types,", sum(len(v) for v in refs.values()), "members")

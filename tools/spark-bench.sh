#!/usr/bin/env bash
# bench --spark with Spark from Maven Central, as the tests bring it: the Spark application jar, the build's class
# path (Spark is there, "provided"), and the JVM options Spark's launcher adds on Java 17+ (spark.jvm.options in
# pom.xml). Arguments go to bench: --quick, --json FILE, --paper-networks ...
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/modeconn-spark.jar ]; then
  mvn -B -q package -DskipTests -DskipSite
fi
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile="$classpath" >&2
options=$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' pom.xml)
# shellcheck disable=SC2086 # the options are separate words
exec java $options -cp "target/modeconn-spark.jar:$(cat "$classpath")" org.modeconn.cli.ModeConnCli bench --spark "$@"

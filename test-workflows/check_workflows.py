#!/usr/bin/env python3
"""Static sanity check of the ModeConn_* test workflows (no KNIME needed).

For every folder under test-workflows/ that holds a workflow.knime:
  * parses workflow.knime and every settings.xml as XML (KNIME XMLConfig namespace);
  * checks that every node_settings_file referenced by workflow.knime exists;
  * checks that connections refer to existing node ids and that no input port is fed twice;
  * checks that the settings of this extension's nodes carry all model keys (with the expected types);
  * checks that CSV readers point at an existing file relative to the workflow folder.
Exit code 0 when everything passes, 1 otherwise.
"""
import os
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.knime.org/2008/09/XMLConfig}'
HERE = os.path.dirname(os.path.abspath(__file__))

# factory -> {key: expected XMLConfig type ('config' for a sub-config)}
OUR_NODES = {
    'org.modeconn.knime.trainendpoint.TrainEndpointNodeFactory': {
        'featureColumns': 'config', 'targetColumn': 'xstring', 'imageShape': 'xstring', 'architecture': 'xstring',
        'epochs': 'xint', 'batchSize': 'xint', 'learningRate': 'xdouble', 'momentum': 'xdouble',
        'nesterov': 'xboolean', 'weightDecay': 'xdouble', 'schedule': 'xstring', 'scaling': 'xstring',
        'stopAfterEpoch': 'xint', 'seed': 'xlong'},
    'org.modeconn.knime.fitcurve.FitCurveNodeFactory': {
        'curveType': 'xstring', 'bends': 'xint', 'fixEnds': 'xboolean', 'epochs': 'xint', 'batchSize': 'xint',
        'learningRate': 'xdouble', 'momentum': 'xdouble', 'weightDecay': 'xdouble', 'schedule': 'xstring',
        'seed': 'xlong'},
    'org.modeconn.knime.evaluatecurve.EvaluateCurveNodeFactory': {
        'points': 'xint', 'includeLine': 'xboolean'},
    'org.modeconn.knime.fge.FgeEnsembleNodeFactory': {
        'cycleLength': 'xint', 'cycleUnit': 'xstring', 'lrStart': 'xdouble', 'lrEnd': 'xdouble', 'epochs': 'xint',
        'batchSize': 'xint', 'momentum': 'xdouble', 'weightDecay': 'xdouble', 'seed': 'xlong'},
    'org.modeconn.knime.planeslice.PlaneSliceNodeFactory': {
        'grid': 'xint', 'margin': 'xdouble', 'trainSubset': 'xint', 'curvePoints': 'xint'},
    'org.modeconn.knime.curvepoint.CurvePointNodeFactory': {
        't': 'xdouble'},
    'org.modeconn.knime.predictor.EnsemblePredictorNodeFactory': {
        'appendProbabilities': 'xboolean', 'predictionColumn': 'xstring'},
    'org.modeconn.knime.onnxwriter.OnnxNetworkWriterNodeFactory': {
        'file': 'xstring', 'overwrite': 'xboolean'},
    'org.modeconn.knime.onnxreader.OnnxNetworkReaderNodeFactory': {
        'file': 'xstring', 'classNames': 'xstring', 'scaling': 'xstring', 'targetColumn': 'xstring',
        'imageColumn': 'xstring'},
    'org.modeconn.knime.mergenetworks.MergeNetworksNodeFactory': {
        'greedy': 'xboolean', 'repair': 'xboolean', 'maxSweeps': 'xint'},
    'org.modeconn.knime.sharpness.SharpnessNodeFactory': {
        'top': 'xint', 'traceSamples': 'xint', 'batches': 'xint', 'points': 'xint', 'seed': 'xlong',
        'lanczosSteps': 'xint'},
    # no settings: its model config is empty
    'org.modeconn.knime.ensembleloopend.EnsembleLoopEndNodeFactory': {},
}
# number of data input ports (without the flow-variable port 0) per factory, for port-range checks
IN_PORTS = {
    'org.modeconn.knime.trainendpoint.TrainEndpointNodeFactory': 2,
    'org.modeconn.knime.fitcurve.FitCurveNodeFactory': 3,
    'org.modeconn.knime.evaluatecurve.EvaluateCurveNodeFactory': 3,
    'org.modeconn.knime.fge.FgeEnsembleNodeFactory': 3,
    'org.modeconn.knime.planeslice.PlaneSliceNodeFactory': 6,
    'org.modeconn.knime.curvepoint.CurvePointNodeFactory': 2,
    'org.modeconn.knime.predictor.EnsemblePredictorNodeFactory': 3,
    'org.modeconn.knime.onnxwriter.OnnxNetworkWriterNodeFactory': 2,
    'org.modeconn.knime.onnxreader.OnnxNetworkReaderNodeFactory': 1,
    'org.modeconn.knime.ensembleloopend.EnsembleLoopEndNodeFactory': 1,
    'org.modeconn.knime.alignnetworks.AlignNetworksNodeFactory': 4,
    'org.modeconn.knime.mergenetworks.MergeNetworksNodeFactory': 7,
    'org.modeconn.knime.sharpness.SharpnessNodeFactory': 3,
    'org.knime.base.node.meta.looper.variable.start.LoopStartVariable3NodeFactory': 1,
    'org.knime.base.node.flowcontrol.breakpoint.BreakpointNodeFactory': 1,
    'org.knime.base.node.jsnippet.JavaSnippetNodeFactory': 1,
    'org.knime.base.node.io.filehandling.csv.reader.CSVTableReaderNodeFactory': 1,
    'org.knime.testing.node.config.TestConfigNodeFactory': 0,
}
COLUMN_FILTER_KEYS = {'mode': 'xstring', 'patternFilter': 'config', 'manualFilter': 'config', 'typeFilter': 'config'}
NODE_KEYS = ['node_file', 'factory', 'node-name', 'node-bundle-name', 'node-bundle-symbolic-name',
             'node-bundle-vendor', 'node-bundle-version', 'state', 'factory_settings', 'name', 'hasContent',
             'isInactive', 'model', 'internal_node_subsettings']


def children(elem):
    """Map key -> element for the direct entry/config children of an XMLConfig element."""
    return {c.get('key'): c for c in elem if c.tag in (NS + 'entry', NS + 'config')}


def kind(elem):
    return 'config' if elem.tag == NS + 'config' else elem.get('type')


def value(elem):
    return None if elem.get('isnull') == 'true' else elem.get('value')


def check_workflow(wf_dir, errors):
    def err(msg):
        errors.append('%s: %s' % (os.path.relpath(wf_dir, HERE), msg))

    root = ET.parse(os.path.join(wf_dir, 'workflow.knime')).getroot()
    if root.tag != NS + 'config' or root.get('key') != 'workflow.knime':
        err('workflow.knime is not an XMLConfig with key workflow.knime')
        return 0
    top = children(root)
    for key in ('created_by', 'version', 'nodes', 'connections'):
        if key not in top:
            err('workflow.knime lacks %s' % key)
    factories = {}
    for node in children(top['nodes']).values():
        n = children(node)
        nid = int(value(n['id']))
        rel = value(n['node_settings_file'])
        for key in ('node_is_meta', 'node_type', 'ui_classname', 'ui_settings'):
            if key not in n:
                err('node %d lacks %s in workflow.knime' % (nid, key))
        path = os.path.join(wf_dir, rel)
        if not os.path.isfile(path):
            err('node %d: settings file %s does not exist' % (nid, rel))
            continue
        if not os.path.basename(os.path.dirname(path)).endswith('(#%d)' % nid):
            err('node %d: folder %s does not end with (#%d)' % (nid, os.path.dirname(rel), nid))
        s = ET.parse(path).getroot()
        sc = children(s)
        for key in NODE_KEYS:
            if key not in sc:
                err('%s lacks %s' % (rel, key))
        # KNIME reads every node's file-store handler from this block; without it the workflow loads with a
        # data-load error.
        if 'filestores' not in sc:
            err('%s lacks the filestores block' % rel)
        else:
            fs = children(sc['filestores'])
            for key in ('file_store_location', 'file_store_id'):
                if key not in fs or kind(fs[key]) != 'xstring':
                    err('%s: filestores/%s missing or not xstring' % (rel, key))
        factory = value(sc['factory'])
        factories[nid] = factory
        model = children(sc['model'])
        if factory in OUR_NODES:
            for key, typ in OUR_NODES[factory].items():
                if key not in model:
                    err('%s: model lacks %s' % (rel, key))
                elif kind(model[key]) != typ:
                    err('%s: model/%s has type %s, expected %s' % (rel, key, kind(model[key]), typ))
            if 'featureColumns' in model:
                fc = children(model['featureColumns'])
                for key, typ in COLUMN_FILTER_KEYS.items():
                    if key not in fc or kind(fc[key]) != typ:
                        err('%s: featureColumns/%s missing or not %s' % (rel, key, typ))
        # A setting taken from a flow variable must exist: KNIME ignores the tree's keys it cannot find in the model.
        variables = children(sc['variables']) if 'variables' in sc else {}
        if variables:
            if value(variables.get('version')) != 'V_2019_09_13' or 'tree' not in variables:
                err('%s: variables tree lacks version V_2019_09_13 or its tree' % rel)
            else:
                for key, leaf in children(variables['tree']).items():
                    if key not in model:
                        err('%s: variable overwrites %s, which the model lacks' % (rel, key))
                    elif 'used_variable' not in children(leaf):
                        err('%s: variable for %s names no used_variable' % (rel, key))
        if factory.endswith('CSVTableReaderNodeFactory'):
            p = children(children(children(model['settings'])['file_selection'])['path'])
            if value(p['file_system_type']) != 'RELATIVE' or value(p['file_system_specifier']) != 'knime.workflow':
                err('%s: CSV path is not relative to the workflow' % rel)
            target = os.path.normpath(os.path.join(wf_dir, value(p['path'])))
            if not os.path.isfile(target):
                err('%s: CSV file %s does not exist' % (rel, target))
    fed = set()
    for c in children(top['connections']).values():
        cc = children(c)
        s, d = int(value(cc['sourceID'])), int(value(cc['destID']))
        sp, dp = int(value(cc['sourcePort'])), int(value(cc['destPort']))
        for nid in (s, d):
            if nid not in factories:
                err('connection %s refers to unknown node %d' % (c.get('key'), nid))
        if (d, dp) in fed:
            err('input port %d of node %d is fed twice' % (dp, d))
        fed.add((d, dp))
        if sp == 0 and dp == 0:
            # a flow-variable connection: it orders two nodes (a reader after the writer of its file)
            continue
        if d in factories and factories[d] in IN_PORTS and not 1 <= dp <= IN_PORTS[factories[d]]:
            err('connection %s: node %d has no data input port %d' % (c.get('key'), d, dp))
        if sp < 1:
            err('connection %s: source port %d is the flow-variable port' % (c.get('key'), sp))
    return len(factories)


def main():
    errors = []
    found = 0
    for name in sorted(os.listdir(HERE)):
        wf_dir = os.path.join(HERE, name)
        if os.path.isfile(os.path.join(wf_dir, 'workflow.knime')):
            try:
                n = check_workflow(wf_dir, errors)
                print('%-28s %2d nodes' % (name, n))
                found += 1
            except (ET.ParseError, KeyError, ValueError) as e:
                errors.append('%s: %s: %s' % (name, type(e).__name__, e))
    if found == 0:
        errors.append('no workflow found')
    for e in errors:
        print('ERROR', e)
    print('%d workflows, %d problems' % (found, len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())

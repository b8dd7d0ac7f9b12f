#!/usr/bin/env python3
"""Generate the ModeConn_* KNIME test workflows (unexecuted, KNIME AP 5.x save format)."""
import json, os, shutil
from xml.sax.saxutils import escape

OUT = os.path.dirname(os.path.abspath(__file__))
# Training lengths and check thresholds, shared with the JUnit chain test (TestWorkflowChainTest).
with open(os.path.join(OUT, 'workflow-settings.json'), encoding='utf-8') as _f:
    CFG = json.load(_f)
NS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<config xmlns="http://www.knime.org/2008/09/XMLConfig" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.knime.org/2008/09/XMLConfig http://www.knime.org/XMLConfig_2008_09.xsd" '
           'key="%s">\n')
# The oldest release the extension supports (README): KNIME asks before it opens a workflow that a newer
# version created ("created with a future version of KNIME", observed in 5.7.0), so every supported release
# opens these without a word. Checked: they load and pass in the real 5.7.0 and 5.12 cores.
KNIME_VERSION = '5.7.0'
AUTHOR_WHEN = '2026-11-26 12:00:00 +0000'

def enc(s):
    """XMLConfig value encoding: control chars as %%ddddd, then XML escaping."""
    out = []
    for ch in s:
        if ord(ch) < 32:
            out.append('%%%%%05d' % ord(ch))
        else:
            out.append(ch)
    return escape(''.join(out), {'"': '&quot;'})

# ---- tiny config tree: list of (kind, key, payload) ----
def S(k, v):  return ('entry', k, 'xstring', v)
def I(k, v):  return ('entry', k, 'xint', v)
def L(k, v):  return ('entry', k, 'xlong', v)
def D(k, v):  return ('entry', k, 'xdouble', v)
def B(k, v):  return ('entry', k, 'xboolean', v)
def C(k, *children): return ('config', k, list(children))
def SA(k, values):
    return C(k, I('array-size', len(values)), *[S(str(i), v) for i, v in enumerate(values)])

def render(items, ind=1):
    lines = []
    pad = '    ' * ind
    for it in items:
        if it[0] == 'entry':
            _, k, t, v = it
            if v is None:
                lines.append('%s<entry key="%s" type="%s" isnull="true" value=""/>' % (pad, enc(k), t))
            else:
                if t == 'xboolean':
                    v = 'true' if v else 'false'
                elif t == 'xdouble':
                    v = repr(float(v))
                lines.append('%s<entry key="%s" type="%s" value="%s"/>' % (pad, enc(k), t, enc(str(v))))
        else:
            _, k, ch = it
            if not ch:
                lines.append('%s<config key="%s"/>' % (pad, enc(k)))
            else:
                lines.append('%s<config key="%s">' % (pad, enc(k)))
                lines.extend(render(ch, ind + 1))
                lines.append('%s</config>' % pad)
    return lines

def doc(root_key, items):
    return NS_HEAD % root_key + '\n'.join(render(items)) + '\n</config>\n'

# ---- bundle info ----
OURS = dict(bundle_name='Mode Connectivity nodes for KNIME', bundle_sym='org.modeconn.knime',
            vendor='Mode Connectivity for KNIME', version='0.1.0.qualifier',
            feat_name='', feat_sym='', feat_vendor='', feat_version='0.0.0')
KBASE = dict(bundle_name='KNIME Base Nodes', bundle_sym='org.knime.base',
             vendor='KNIME AG, Zurich, Switzerland', version=KNIME_VERSION,
             feat_name='KNIME Base nodes', feat_sym='org.knime.features.base.feature.group',
             feat_vendor='KNIME AG, Zurich, Switzerland', feat_version=KNIME_VERSION)
KJS = dict(bundle_name='KNIME Java Snippet Nodes', bundle_sym='org.knime.jsnippets',
           vendor='KNIME AG, Zurich, Switzerland', version=KNIME_VERSION,
           feat_name='KNIME Javasnippet', feat_sym='org.knime.features.javasnippet.feature.group',
           feat_vendor='KNIME AG, Zurich, Switzerland', feat_version=KNIME_VERSION)
KTEST = dict(bundle_name='KNIME Testing Framework', bundle_sym='org.knime.testing',
             vendor='KNIME AG, Zurich, Switzerland', version=KNIME_VERSION,
             feat_name='KNIME Testing Framework', feat_sym='org.knime.features.testing.application.feature.group',
             feat_vendor='KNIME AG, Zurich, Switzerland', feat_version=KNIME_VERSION)

def node_settings(factory, node_name, bundle, model, extra=(), annotation=None, variables=()):
    items = [S('node_file', 'settings.xml'), C('flow_stack'),
             C('internal_node_subsettings', S('memory_policy', 'CacheSmallInMemory')),
             C('model', *model), C('variables', *variables)]
    if annotation:
        items.append(C('nodeAnnotation',
                       S('text', annotation), S('contentType', 'text/plain'), I('bgcolor', 16777215),
                       I('x-coordinate', 0), I('y-coordinate', 0), I('width', 0), I('height', 0),
                       S('alignment', 'CENTER'), I('borderSize', 0), I('borderColor', 0),
                       I('defFontSize', -1), I('annotation-version', 20230412), C('styles')))
    items += [S('customDescription', None), S('state', 'IDLE'), S('factory', factory),
              S('node-name', node_name), S('node-bundle-name', bundle['bundle_name']),
              S('node-bundle-symbolic-name', bundle['bundle_sym']),
              S('node-bundle-vendor', bundle['vendor']), S('node-bundle-version', bundle['version']),
              S('node-feature-name', bundle['feat_name']), S('node-feature-symbolic-name', bundle['feat_sym']),
              S('node-feature-vendor', bundle['feat_vendor']), S('node-feature-version', bundle['feat_version']),
              C('factory_settings')]
    items += list(extra)
    items += [S('name', node_name), B('hasContent', False), B('isInactive', False), C('ports'),
              # KNIME reads a file-store handler per node; without this block a workflow loads with a
              # data-load error ("Config for key \"filestores\" not found"). Unexecuted: both keys null.
              C('filestores', S('file_store_location', None), S('file_store_id', None))]
    return doc('settings.xml', items)

# ---------------- external nodes ----------------
CSV_FACTORY = 'org.knime.base.node.io.filehandling.csv.reader.CSVTableReaderNodeFactory'
def csv_reader(rel_path):
    fo = C('filter_options',
           B('filter_files_extension', False), S('files_extension_expression', ''),
           B('files_extension_case_sensitive', False), B('filter_files_name', False),
           S('files_name_expression', '*'), B('files_name_case_sensitive', False),
           S('files_name_filter_type', 'WILDCARD'), B('include_hidden_files', False),
           B('include_special_files', True), B('filter_folders_name', False),
           S('folders_name_expression', '*'), B('folders_name_case_sensitive', False),
           S('folders_name_filter_type', 'WILDCARD'), B('include_hidden_folders', False),
           B('follow_links', True))
    model = [
        C('settings',
          C('file_selection_Internals', S('SettingsModelID', 'SMID_ReaderFileChooser'), B('EnabledStatus', True)),
          C('file_selection',
            C('file_system_chooser__Internals', B('has_fs_port', False), B('overwritten_by_variable', False),
              S('convenience_fs_category', 'RELATIVE'), S('relative_to', 'knime.workflow'),
              S('mountpoint', 'LOCAL'), S('spaceId', ''), S('spaceName', ''),
              I('custom_url_timeout', 10000), B('connected_fs', True)),
            C('path', B('location_present', True), S('file_system_type', 'RELATIVE'),
              S('file_system_specifier', 'knime.workflow'), S('path', rel_path)),
            C('filter_mode_Internals', S('SettingsModelID', 'SMID_FilterMode'), B('EnabledStatus', True)),
            C('filter_mode', S('filter_mode', 'FILE'), B('include_subfolders', False), fo)),
          B('has_column_header', True), B('has_row_id', False), B('support_short_data_rows', False),
          B('skip_empty_data_rows', False), B('prepend_file_idx_to_row_id', False),
          S('comment_char', '#'), S('column_delimiter', ','), S('quote_char', '"'),
          S('quote_escape_char', '"'), B('use_line_break_row_delimiter', True),
          S('row_delimiter', '\n'), I('autodetect_buffer_size', 1048576)),
        C('advanced_settings',
          S('spec_merge_mode_Internals', 'UNION'), B('fail_on_differing_specs', True),
          B('append_path_column_Internals', False), S('path_column_name_Internals', 'File Path'),
          B('limit_data_rows_scanned', True), L('max_data_rows_scanned', 10000),
          B('save_table_spec_config_Internals', False), B('check_table_spec', False),
          B('limit_memory_per_column', True), I('maximum_number_of_columns', 8192),
          S('quote_option', 'REMOVE_QUOTES_AND_TRIM'), B('replace_empty_quotes_with_missing', True),
          B('no_row_delimiters_in_quotes', False), L('min_chunk_size_in_bytes', 67108864),
          I('max_num_chunks_per_file', 6), S('thousands_separator', '\0'), S('decimal_separator', '.')),
        C('limit_rows', B('skip_lines', False), L('number_of_lines_to_skip', 1), B('skip_data_rows', False),
          L('number_of_rows_to_skip', 1), B('limit_data_rows', False), L('max_rows', 50)),
        C('encoding', S('charset', 'UTF-8')),
    ]
    extra = [C('node_creation_config', C('File System Connection'), C('Data Table'))]
    return CSV_FACTORY, 'CSV Reader', KBASE, model, extra

TESTCFG_FACTORY = 'org.knime.testing.node.config.TestConfigNodeFactory'
def testflow_config(timeout=900):
    model = [S('owner', 'modeconn-tests@example.invalid'), SA('requiredLogErrors', []),
             SA('requiredLogWarnings', []), SA('requiredLogInfos', []), SA('failingNodes', []),
             C('requiredNodeWarnings', I('count', 0)), C('requiredNodeErrors', I('count', 0)),
             I('timeout', timeout), I('maxHilitedRows', 2500), SA('usedJanitors', []),
             B('streamingTest', False), S('requiredLoadVersion', '')]
    return TESTCFG_FACTORY, 'Testflow Configuration', KTEST, model, []

BREAK_FACTORY = 'org.knime.base.node.flowcontrol.breakpoint.BreakpointNodeFactory'
def breakpoint_empty(msg):
    model = [B('Enabled', True), S('BreakPoint', 'empty table'), S('Variable Name', ''),
             S('Variable Value', '0'), B('Use custom error message', True), S('Custom error message', msg)]
    return BREAK_FACTORY, 'Breakpoint', KBASE, model, []

JS_FACTORY = 'org.knime.base.node.jsnippet.JavaSnippetNodeFactory'
def java_check(fields, body):
    empty_list = lambda k: C(k, I('array-size', 0))
    model = [S('scriptImports', '// Your custom imports:\n'),
             S('scriptFields', '// Your custom variables:\n' + fields),
             S('scriptBody', '// Enter your code here:\n' + body),
             SA('jarFiles', []), empty_list('outCols'), empty_list('outVars'),
             empty_list('inCols'), empty_list('inVars'), S('version', 'version 1.x'),
             S('templateUUID', None), B('runOnExecute', False), SA('bundles', [])]
    return JS_FACTORY, 'Java Snippet', KJS, model, []

def overwritten_by(spec, key, variable):
    """The node with its top-level setting `key` taken from the flow variable `variable`: KNIME's variables tree
    (ConfigEditTreeModel, version V_2019_09_13), as its dialog's flow-variable button writes it."""
    return spec[:5] + ((S('version', 'V_2019_09_13'),
                        C('tree', C(key, S('used_variable', variable), S('exposed_variable', None)))),)

LOOP_START_FACTORY = 'org.knime.base.node.meta.looper.variable.start.LoopStartVariable3NodeFactory'
def table_row_loop_start(column):
    """Table Row to Variable Loop Start with one column made a variable, as KNIME 5.12's dialog writes it
    (read from a node the real KNIME core saved after its dialog applied this selection)."""
    model = [C('column_selection', S('filter-type', 'STANDARD'), SA('included_names', [column]),
               SA('excluded_names', []), S('enforce_option', 'EnforceExclusion'),
               C('name_pattern', S('pattern', ''), B('caseSensitive', True), B('excludeMatching', False),
                 S('type', 'Wildcard')),
               C('datatype', C('typelist'))),
             S('missing_value_policy', 'DEFAULT'), S('default_value_string', 'missing'),
             S('default_value_boolean', 'false'), I('default_value_integer', 0), L('default_value_long', 0),
             D('default_value_double', 0.0)]
    return LOOP_START_FACTORY, 'Table Row to Variable Loop Start', KBASE, model, []

# ---------------- our nodes ----------------
def feature_filter():
    # ColumnFilter, field-based persistence (knime-core-ui TypedStringFilter/PatternFilter/ManualFilter/TypeFilter)
    return C('featureColumns', S('mode', 'REGEX'),
             C('patternFilter', S('pattern', 'px[0-9]+'), B('isCaseSensitive', True), B('isInverted', False)),
             C('manualFilter', SA('manuallySelected', []), SA('manuallyDeselected', []),
               B('includeUnknownColumns', False)),
             C('typeFilter', SA('selectedTypes', [])))

def train_endpoint(seed, epochs=CFG['endpoint_epochs']):
    model = [feature_filter(), S('targetColumn', 'label'), S('imageShape', ''), S('architecture', 'mlp:64'),
             I('epochs', epochs), I('batchSize', 64), D('learningRate', 0.05), D('momentum', 0.9),
             B('nesterov', False), D('weightDecay', 0.0005), S('schedule', 'reference'), S('scaling', 'AUTO'),
             I('stopAfterEpoch', 0), L('seed', seed)]
    return 'org.modeconn.knime.trainendpoint.TrainEndpointNodeFactory', 'Train Endpoint', OURS, model, []

def fit_curve():
    model = [S('curveType', 'BEZIER'), I('bends', 3), B('fixEnds', True), I('epochs', CFG['curve_epochs']),
             I('batchSize', 64),
             D('learningRate', 0.015), D('momentum', 0.9), D('weightDecay', 0.0005), S('schedule', 'reference'),
             L('seed', 1)]
    return 'org.modeconn.knime.fitcurve.FitCurveNodeFactory', 'Fit Curve', OURS, model, []

def evaluate_curve(line_repair=False):
    model = [I('points', 11), B('includeLine', True), B('lineRepair', line_repair)]
    return 'org.modeconn.knime.evaluatecurve.EvaluateCurveNodeFactory', 'Evaluate Curve', OURS, model, []

def fge(sharpness=False):
    model = [I('cycleLength', 2), S('cycleUnit', 'EPOCHS'), D('lrStart', 0.05), D('lrEnd', 0.0005), I('epochs', CFG['fge_epochs']),
             I('batchSize', 64), D('momentum', 0.9), D('weightDecay', 0.0005), L('seed', 1)]
    if sharpness:
        model.append(B('sharpness', True))
    return 'org.modeconn.knime.fge.FgeEnsembleNodeFactory', 'FGE Ensemble', OURS, model, []

def plane_slice():
    model = [I('grid', 7), D('margin', 0.2), I('trainSubset', 0), I('curvePoints', 61)]
    return 'org.modeconn.knime.planeslice.PlaneSliceNodeFactory', 'Plane Slice', OURS, model, []

def curve_point():
    model = [D('t', 0.5)]
    return 'org.modeconn.knime.curvepoint.CurvePointNodeFactory', 'Curve Point', OURS, model, []

def align_networks(measure_lines=False):
    model = [I('maxSweeps', 100), L('seed', 0)]
    if measure_lines:
        model += [B('measureLines', True), I('points', 11), B('repair', True)]
    return 'org.modeconn.knime.alignnetworks.AlignNetworksNodeFactory', 'Align Networks', OURS, model, []

def connectivity_matrix():
    model = [I('points', 5), B('fitCurves', False), I('curveEpochs', 2)]
    return 'org.modeconn.knime.connectivity.ConnectivityMatrixNodeFactory', 'Connectivity Matrix', OURS, model, []

def merge_networks(greedy=False, repair=False):
    model = [B('greedy', greedy), B('repair', repair), I('maxSweeps', 100)]
    return 'org.modeconn.knime.mergenetworks.MergeNetworksNodeFactory', 'Merge Networks', OURS, model, []

def sharpness_node():
    model = [I('top', 3), I('traceSamples', 50), I('batches', 0), I('points', 11), L('seed', 1), I('lanczosSteps', 60)]
    return 'org.modeconn.knime.sharpness.SharpnessNodeFactory', 'Sharpness', OURS, model, []

def ensemble_loop_end():
    return 'org.modeconn.knime.ensembleloopend.EnsembleLoopEndNodeFactory', 'Ensemble Loop End', OURS, [], []

def predictor(column='Prediction'):
    model = [B('appendProbabilities', True), S('predictionColumn', column)]
    return 'org.modeconn.knime.predictor.EnsemblePredictorNodeFactory', 'Ensemble Predictor', OURS, model, []

def onnx_writer(path):
    model = [S('file', path), B('overwrite', True)]
    return 'org.modeconn.knime.onnxwriter.OnnxNetworkWriterNodeFactory', 'ONNX Network Writer', OURS, model, []

def onnx_reader(path):
    model = [S('file', path), S('classNames', ''), S('scaling', 'none'), S('targetColumn', ''), S('imageColumn', '')]
    return 'org.modeconn.knime.onnxreader.OnnxNetworkReaderNodeFactory', 'ONNX Network Reader', OURS, model, []

# ---------------- check snippets ----------------
def chk_history(what, epochs, with_test, max_final_error):
    err_col = 'test_error' if with_test else 'train_error'
    b = []
    b.append('if (ROWCOUNT != %d) throw new Abort("%s: expected %d history rows (one per epoch) but got " + ROWCOUNT);' % (epochs, what, epochs))
    b.append('int epoch = getCell("epoch", tInt);')
    b.append('if (epoch != ROWINDEX + 1) throw new Abort("%s: row " + ROWINDEX + " has epoch " + epoch);' % what)
    b.append('if (isMissing("learning_rate") || getCell("learning_rate", tDouble) <= 0.0) throw new Abort("%s: learning_rate missing or not positive in row " + ROWINDEX);' % what)
    b.append('if (isMissing("train_loss") || Double.isNaN(getCell("train_loss", tDouble)) || Double.isInfinite(getCell("train_loss", tDouble))) throw new Abort("%s: train_loss missing or not finite in row " + ROWINDEX);' % what)
    cols = ['train_error', 'test_error'] if with_test else ['train_error']
    b.append('String[] errCols = new String[]{%s};' % ', '.join('"%s"' % c for c in cols))
    b.append('for (String c : errCols) {')
    b.append('    if (isMissing(c)) throw new Abort("%s: " + c + " is missing in row " + ROWINDEX);' % what)
    b.append('    double v = getCell(c, tDouble);')
    b.append('    if (!(v >= 0.0 && v <= 100.0)) throw new Abort("%s: " + c + " = " + v + " outside [0, 100] in row " + ROWINDEX);' % what)
    b.append('}')
    if with_test:
        b.append('if (isMissing("test_loss")) throw new Abort("%s: test_loss is missing in row " + ROWINDEX);' % what)
    else:
        b.append('if (!isMissing("test_error") || !isMissing("test_loss")) throw new Abort("%s: test columns must be missing without a test table (row " + ROWINDEX + ")");' % what)
    b.append('if (ROWINDEX == ROWCOUNT - 1 && getCell("%s", tDouble) >= %s) throw new Abort("%s: final %s " + getCell("%s", tDouble) + " is not below %s percent");' % (err_col, max_final_error, what, err_col, err_col, max_final_error))
    return '', '\n'.join(b) + '\n'

def chk_eval_curve(points, repair=False):
    paths = 3 if repair else 2
    n = paths * points
    b = ['if (ROWCOUNT != %d) throw new Abort("Evaluate Curve: expected %d rows (%d x %d points) but got " + ROWCOUNT);' % (n, n, paths, points),
         'String path = getCell("path", tString);',
         'if (!"curve".equals(path) && !"line".equals(path) && !(%s && "line (REPAIR)".equals(path))) throw new Abort("Evaluate Curve: unexpected path value " + path);' % ('true' if repair else 'false'),
         'double t = getCell("t", tDouble);',
         'if (!(t >= 0.0 && t <= 1.0)) throw new Abort("Evaluate Curve: t = " + t + " outside [0, 1]");',
         'String[] errCols = new String[]{"train_error", "test_error"};',
         'for (String c : errCols) {',
         '    if (isMissing(c)) throw new Abort("Evaluate Curve: " + c + " missing in row " + ROWINDEX);',
         '    double v = getCell(c, tDouble);',
         '    if (!(v >= 0.0 && v <= 100.0)) throw new Abort("Evaluate Curve: " + c + " = " + v + " outside [0, 100]");',
         '}',
         'if ("curve".equals(path)) { curveRows++; } else if ("line".equals(path)) { lineRows++; }',
         'if ((t == 0.0 || t == 1.0) && getCell("test_error", tDouble) >= %(m)s.0) throw new Abort("Evaluate Curve: endpoint (t = " + t + ") test error is not below %(m)s percent");' % {'m': CFG['max_endpoint_test_error_along_curve']},
         'if (ROWINDEX == ROWCOUNT - 1 && (curveRows != %d || lineRows != %d)) throw new Abort("Evaluate Curve: expected %d curve and %d line rows, got " + curveRows + " and " + lineRows);' % (points, points, points, points)]
    return 'int curveRows = 0;\nint lineRows = 0;\n', '\n'.join(b) + '\n'

def chk_fge(max_snapshots, sharpness=False):
    b = ['if (%s && !(getCell("lambda_max", tDouble) > 0.0)) throw new Abort("FGE Ensemble: snapshot " + ROWINDEX + " has no positive largest Hessian eigenvalue");' % ('true' if sharpness else 'false'),
         'if (ROWCOUNT < 1 || ROWCOUNT > %d) throw new Abort("FGE Ensemble: expected 1..%d snapshot rows but got " + ROWCOUNT);' % (max_snapshots, max_snapshots),
         'int snapshot = getCell("snapshot", tInt);',
         'if (snapshot != ROWINDEX + 1 && snapshot != ROWINDEX) throw new Abort("FGE Ensemble: unexpected snapshot number " + snapshot + " in row " + ROWINDEX);',
         'int iteration = getCell("iteration", tInt);',
         'if (iteration <= lastIteration) throw new Abort("FGE Ensemble: iterations are not increasing (row " + ROWINDEX + ")");',
         'lastIteration = iteration;',
         'String[] errCols = new String[]{"snapshot_test_error", "ensemble_test_error"};',
         'for (String c : errCols) {',
         '    if (isMissing(c)) throw new Abort("FGE Ensemble: " + c + " missing in row " + ROWINDEX);',
         '    double v = getCell(c, tDouble);',
         '    if (!(v >= 0.0 && v <= 100.0)) throw new Abort("FGE Ensemble: " + c + " = " + v + " outside [0, 100]");',
         '}',
         'if (isMissing("ensemble_test_loss")) throw new Abort("FGE Ensemble: ensemble_test_loss missing in row " + ROWINDEX);',
         'if (ROWINDEX == ROWCOUNT - 1 && getCell("ensemble_test_error", tDouble) >= %(m)s.0) throw new Abort("FGE Ensemble: final ensemble test error is not below %(m)s percent");' % {'m': CFG['max_fge_ensemble_test_error']}]
    return 'int lastIteration = Integer.MIN_VALUE;\n', '\n'.join(b) + '\n'

def chk_plane(grid):
    n = grid * grid
    b = ['if (ROWCOUNT != %d) throw new Abort("Plane Slice: expected %d grid rows (%d x %d) but got " + ROWCOUNT);' % (n, n, grid, grid),
         'String[] numCols = new String[]{"alpha", "beta", "x", "y", "train_loss", "test_loss"};',
         'for (String c : numCols) {',
         '    if (isMissing(c)) throw new Abort("Plane Slice: " + c + " missing in row " + ROWINDEX);',
         '    double v = getCell(c, tDouble);',
         '    if (Double.isNaN(v) || Double.isInfinite(v)) throw new Abort("Plane Slice: " + c + " not finite in row " + ROWINDEX);',
         '}',
         'String[] errCols = new String[]{"train_error", "test_error"};',
         'for (String c : errCols) {',
         '    if (isMissing(c)) throw new Abort("Plane Slice: " + c + " missing in row " + ROWINDEX);',
         '    double v = getCell(c, tDouble);',
         '    if (!(v >= 0.0 && v <= 100.0)) throw new Abort("Plane Slice: " + c + " = " + v + " outside [0, 100]");',
         '}']
    return '', '\n'.join(b) + '\n'

def chk_predictions(what, rows, min_accuracy):
    b = ['if (ROWCOUNT != %d) throw new Abort("%s: expected %d rows (one per test digit) but got " + ROWCOUNT);' % (rows, what, rows),
         'if (isMissing("Prediction")) throw new Abort("%s: Prediction missing in row " + ROWINDEX);' % what,
         'double sum = 0.0;',
         'for (int k = 0; k < 10; k++) {',
         '    String c = "P (" + k + ")";',
         '    if (!columnExists(c)) throw new Abort("%s: probability column " + c + " does not exist");' % what,
         '    if (isMissing(c)) throw new Abort("%s: " + c + " missing in row " + ROWINDEX);' % what,
         '    double p = getCell(c, tDouble);',
         '    if (!(p >= 0.0 && p <= 1.0)) throw new Abort("%s: " + c + " = " + p + " outside [0, 1]");' % what,
         '    sum += p;',
         '}',
         'if (Math.abs(sum - 1.0) > 1e-3) throw new Abort("%s: class probabilities sum to " + sum + " in row " + ROWINDEX);' % what,
         'String label = String.valueOf(getCell("label", tInt));',
         'if (label.equals(getCell("Prediction", tString))) { correct++; }',
         'if (ROWINDEX == ROWCOUNT - 1 && correct < %d * ROWCOUNT / 100) throw new Abort("%s: only " + correct + " of " + ROWCOUNT + " test digits predicted correctly (need %d percent)");' % (min_accuracy, what, min_accuracy)]
    return 'int correct = 0;\n', '\n'.join(b) + '\n'

def chk_same_predictions(classes):
    """The second predictor's columns (suffixed " (#1)" by the first's) equal the first's to 1e-5, the rounding of
    another thread count (the weights read back are the same bits; two predictions of one network run with the
    threads the shared budget gives them, and a matrix product's rounding depends on that count: float32 logits
    differ by a few 1e-6, and so do the probabilities; a wrong network is off by far more)."""
    b = ['for (int k = 0; k < %d; k++) {' % classes,
         '    double a = getCell("P (" + k + ")", tDouble);',
         '    double b = getCell("P (" + k + ") (#1)", tDouble);',
         '    if (Math.abs(a - b) > 1e-5) throw new Abort("ONNX round trip: P (" + k + ") = " + a + " before and " + b + " after, row " + ROWINDEX);',
         '}',
         'if (!getCell("Prediction", tString).equals(getCell("Prediction ONNX", tString))) throw new Abort("ONNX round trip: the predicted class differs in row " + ROWINDEX);']
    return '', '\n'.join(b) + '\n'

def chk_alignment(layers):
    b = ['if (ROWCOUNT != %d) throw new Abort("Align Networks: expected %d layer rows but got " + ROWCOUNT);' % (layers, layers),
         'String layer = getCell("layer", tString);',
         'if (getCell("units", tInt) <= 0) throw new Abort("Align Networks: layer " + layer + " has no units");',
         'String[] cols = new String[]{"cosine_before", "cosine_after", "distance_before", "distance_after"};',
         'for (String c : cols) {',
         '    if (isMissing(c)) throw new Abort("Align Networks: " + c + " missing for layer " + layer);',
         '}',
         'double ca = getCell("cosine_after", tDouble);',
         'if (!(ca >= -1.0 - 1e-9 && ca <= 1.0 + 1e-9)) throw new Abort("Align Networks: cosine " + ca + " outside [-1, 1] for layer " + layer);',
         'before += Math.pow(getCell("distance_before", tDouble), 2);',
         'after += Math.pow(getCell("distance_after", tDouble), 2);',
         'if (ROWINDEX == ROWCOUNT - 1 && !(after < before)) throw new Abort("Align Networks: the aligned network is not closer to the reference: squared distance " + before + " -> " + after);']
    return 'double before = 0;\ndouble after = 0;\n', '\n'.join(b) + '\n'

def chk_lines(points):
    """Align Networks' lines: the line, the aligned line and the aligned line with REPAIR; the aligned line's highest
    train loss is below the line's (alignment lowers the barrier)."""
    b = ['if (ROWCOUNT != %d) throw new Abort("Align Networks lines: expected %d rows (3 x %d points) but got " + ROWCOUNT);' % (3 * points, 3 * points, points),
         'String path = getCell("path", tString);',
         'if (!"line".equals(path) && !"aligned line".equals(path) && !"aligned line (REPAIR)".equals(path)) throw new Abort("Align Networks lines: unexpected path " + path);',
         'double loss = getCell("train_loss", tDouble);',
         'if ("line".equals(path)) { lineMax = Math.max(lineMax, loss); } else if ("aligned line".equals(path)) { alignedMax = Math.max(alignedMax, loss); }',
         'if (ROWINDEX == ROWCOUNT - 1 && !(alignedMax < lineMax)) throw new Abort("Align Networks lines: the aligned line\'s highest train loss " + alignedMax + " is not below the line\'s " + lineMax);']
    return 'double lineMax = 0;\ndouble alignedMax = 0;\n', '\n'.join(b) + '\n'

def chk_connectivity(pairs, distinct=False):
    """With `distinct`, every pair's train-loss barrier is above zero: two different networks always have one on this
    data, and two copies of one network (a loop whose seed variable did not reach Train Endpoint) have none."""
    b = ['if (ROWCOUNT != %d) throw new Abort("Connectivity Matrix: expected %d pairs but got " + ROWCOUNT);' % (pairs, pairs),
         'String pair = getCell("a", tString) + " - " + getCell("b", tString);',
         'if (isMissing("line_barrier_train_loss") || isMissing("line_barrier_test_error")) throw new Abort("Connectivity Matrix: a line barrier is missing for " + pair);',
         'double e = getCell("line_barrier_test_error", tDouble);',
         'if (!(e >= -100.0 && e <= 100.0)) throw new Abort("Connectivity Matrix: test-error barrier " + e + " out of range for " + pair);',
         'if (!isMissing("curve_barrier_train_loss")) throw new Abort("Connectivity Matrix: curve barriers without fitted curves for " + pair);']
    if distinct:
        b.append('if (!(getCell("line_barrier_train_loss", tDouble) > 0.0)) throw new Abort("Connectivity Matrix: no barrier between " + pair + ": the two are one network (did each iteration get its own seed?)");')
    return '', '\n'.join(b) + '\n'

def chk_sharpness():
    b = ['if (ROWCOUNT != 1) throw new Abort("Sharpness: expected one row for a network but got " + ROWCOUNT);',
         'double l1 = getCell("lambda_1", tDouble);',
         'double l2 = getCell("lambda_2", tDouble);',
         'double l3 = getCell("lambda_3", tDouble);',
         'if (!(l1 > 0.0)) throw new Abort("Sharpness: the largest eigenvalue " + l1 + " is not positive at a trained network");',
         'if (!(l1 >= l2 && l2 >= l3)) throw new Abort("Sharpness: eigenvalues not descending: " + l1 + ", " + l2 + ", " + l3);',
         'double trace = getCell("trace", tDouble);',
         'double se = getCell("trace_standard_error", tDouble);',
         'if (!(trace > 0.0) || !(se >= 0.0) || !(trace >= l1 - 3 * se)) throw new Abort("Sharpness: trace " + trace + " +- " + se + " against the largest eigenvalue " + l1);']
    return '', '\n'.join(b) + '\n'

# ---------------- workflow assembly ----------------
class WF:
    def __init__(self, name, description):
        self.name, self.description = name, description
        self.nodes, self.conns = [], []
    def add(self, nid, spec, x, y, annotation=None):
        self.nodes.append((nid, spec, x, y, annotation)); return nid
    def flow(self, src, dst):
        # the hidden flow-variable ports: dst runs after src
        self.conns.append((src, 0, dst, 0))
    def conn(self, src, sport, dst, dport):
        # ports as in the brief (0-based data ports); +1 for the hidden flow-variable port 0
        self.conns.append((src, sport + 1, dst, dport + 1))
    def check(self, nid, src, sport, spec, x, y, label):
        bp = self.add(nid, breakpoint_empty('%s: output table is empty' % label), x, y, 'not empty')
        self.conn(src, sport, bp, 0)
        js = self.add(nid + 1, java_check(*spec), x + 150, y, label)
        self.conn(bp, 0, js, 0)
    def write(self):
        root = os.path.join(OUT, self.name)
        if os.path.exists(root):
            shutil.rmtree(root)
        os.makedirs(root)
        nodes_cfg, folders = [], {}
        for nid, spec, x, y, ann in self.nodes:
            factory, nname, bundle, model, extra = spec[:5]
            variables = spec[5] if len(spec) > 5 else ()
            folder = '%s (#%d)' % (nname, nid)
            folders[nid] = folder
            os.makedirs(os.path.join(root, folder))
            with open(os.path.join(root, folder, 'settings.xml'), 'w', encoding='utf-8') as f:
                f.write(node_settings(factory, nname, bundle, model, extra, ann, variables))
            nodes_cfg.append(C('node_%d' % nid, I('id', nid), S('node_settings_file', folder + '/settings.xml'),
                               B('node_is_meta', False), S('node_type', 'NativeNode'),
                               S('ui_classname', 'org.knime.core.node.workflow.NodeUIInformation'),
                               C('ui_settings', C('extrainfo.node.bounds', I('array-size', 4), I('0', x), I('1', y),
                                                  I('2', -1), I('3', -1)))))
        conns_cfg = [C('connection_%d' % i, I('sourceID', s), I('destID', d), I('sourcePort', sp), I('destPort', dp))
                     for i, (s, sp, d, dp) in enumerate(self.conns)]
        items = [S('created_by', KNIME_VERSION), B('created_by_nightly', False), S('version', '5.1.0'),
                 S('name', None),
                 C('authorInformation', S('authored-by', 'modeconn'), S('authored-when', AUTHOR_WHEN),
                   S('lastEdited-by', 'modeconn'), S('lastEdited-when', AUTHOR_WHEN)),
                 S('customDescription', self.description), S('state', 'IDLE'), C('workflow_credentials'),
                 C('nodes', *nodes_cfg), C('connections', *conns_cfg),
                 C('workflow_editor_settings', B('workflow.editor.snapToGrid', False),
                   B('workflow.editor.ShowGrid', False), I('workflow.editor.gridX', -1),
                   I('workflow.editor.gridY', -1), D('workflow.editor.zoomLevel', 1.0),
                   B('workflow.editor.curvedConnections', False), I('workflow.editor.connectionWidth', 1))]
        with open(os.path.join(root, 'workflow.knime'), 'w', encoding='utf-8') as f:
            f.write(doc('workflow.knime', items))

TRAIN = '../data/mnist-train-600.csv'
TEST = '../data/mnist-test-200.csv'
SEEDS = '../data/seeds.csv'

def base(name, desc):
    w = WF(name, desc)
    w.add(1, testflow_config(), 40, 40, 'testflow settings')
    w.add(2, csv_reader(TRAIN), 40, 180, '600 train digits')
    w.add(3, csv_reader(TEST), 40, 360, '200 test digits')
    return w

def two_endpoints_and_curve(w):
    w.add(4, train_endpoint(1), 220, 120, 'seed 1'); w.conn(2, 0, 4, 0); w.conn(3, 0, 4, 1)
    w.add(5, train_endpoint(2), 220, 300, 'seed 2'); w.conn(2, 0, 5, 0); w.conn(3, 0, 5, 1)
    w.add(6, fit_curve(), 400, 200, 'Bezier, 3 bends'); w.conn(4, 0, 6, 0); w.conn(5, 0, 6, 1); w.conn(2, 0, 6, 2)

def build():
    ws = []
    # 1. Train Endpoint
    w = base('ModeConn_TrainEndpoint', 'Trains one MLP endpoint (mlp:64, %d epochs) on 600 MNIST digits with a test table; checks the history table.' % CFG['endpoint_epochs'])
    w.add(4, train_endpoint(1), 220, 240, 'seed 1'); w.conn(2, 0, 4, 0); w.conn(3, 0, 4, 1)
    w.check(10, 4, 1, chk_history('Train Endpoint history', CFG['endpoint_epochs'], True, CFG['max_endpoint_test_error']), 420, 300, 'history check')
    ws.append(w)
    # 2. Fit Curve
    w = base('ModeConn_FitCurve', 'Two endpoints (seeds 1, 2) and a Bezier curve between them; checks the curve-training history.')
    two_endpoints_and_curve(w)
    w.check(10, 6, 1, chk_history('Fit Curve history', CFG['curve_epochs'], False, CFG['max_curve_train_error']), 600, 260, 'history check')
    ws.append(w)
    # 3. Evaluate Curve
    w = base('ModeConn_EvaluateCurve', 'Fits a curve and evaluates it and the straight line at 11 points; checks 22 rows, t in [0,1], errors in [0,100].')
    two_endpoints_and_curve(w)
    w.add(7, evaluate_curve(), 580, 200, '11 points + line'); w.conn(6, 0, 7, 0); w.conn(2, 0, 7, 1); w.conn(3, 0, 7, 2)
    w.check(10, 7, 0, chk_eval_curve(11), 760, 160, 'along-t check')
    ws.append(w)
    # 4. FGE
    w = base('ModeConn_FgeEnsemble', 'Trains an endpoint, then a fast geometric ensemble (cycle 2 epochs, 4 epochs) with each snapshot\'s largest Hessian eigenvalue; checks the snapshot table.')
    w.add(4, train_endpoint(1), 220, 240, 'seed 1'); w.conn(2, 0, 4, 0); w.conn(3, 0, 4, 1)
    w.add(5, fge(sharpness=True), 400, 240, 'cycle 2 epochs, sharpness'); w.conn(4, 0, 5, 0); w.conn(2, 0, 5, 1); w.conn(3, 0, 5, 2)
    w.check(10, 5, 1, chk_fge(CFG['fge_epochs'], sharpness=True), 580, 260, 'snapshot check')
    ws.append(w)
    # 5. Plane Slice
    w = base('ModeConn_PlaneSlice', 'Fits a curve and evaluates a 7x7 grid on the plane through its three points; checks 49 rows.')
    two_endpoints_and_curve(w)
    w.add(7, plane_slice(), 580, 200, '7 x 7 grid'); w.conn(6, 0, 7, 0); w.conn(2, 0, 7, 1); w.conn(3, 0, 7, 2)
    w.check(10, 7, 0, chk_plane(7), 760, 160, 'grid check')
    ws.append(w)
    # 6. Curve Point
    w = base('ModeConn_CurvePoint', 'Extracts the network at t = 0.5 of a fitted curve and predicts the 200 test digits with it.')
    two_endpoints_and_curve(w)
    w.add(7, curve_point(), 580, 200, 't = 0.5'); w.conn(6, 0, 7, 0); w.conn(2, 0, 7, 1)
    w.add(8, predictor(), 760, 260, 'network at t = 0.5'); w.conn(7, 0, 8, 0); w.conn(3, 0, 8, 2)
    w.check(10, 8, 0, chk_predictions('Curve Point predictions', 200, CFG['min_curve_point_accuracy']), 940, 260, 'prediction check')
    ws.append(w)
    # 7. Ensemble Predictor
    w = base('ModeConn_EnsemblePredictor', 'Predicts the 200 test digits with a single network and with an FGE ensemble; checks both outputs.')
    w.add(4, train_endpoint(1), 220, 240, 'seed 1'); w.conn(2, 0, 4, 0); w.conn(3, 0, 4, 1)
    w.add(5, fge(), 400, 320, 'cycle 2 epochs'); w.conn(4, 0, 5, 0); w.conn(2, 0, 5, 1); w.conn(3, 0, 5, 2)
    w.add(6, predictor(), 580, 160, 'single network'); w.conn(4, 0, 6, 0); w.conn(3, 0, 6, 2)
    w.add(7, predictor(), 580, 340, 'FGE ensemble'); w.conn(5, 0, 7, 1); w.conn(3, 0, 7, 2)
    w.check(10, 6, 0, chk_predictions('Network predictions', 200, CFG['min_prediction_accuracy']), 760, 160, 'prediction check')
    w.check(12, 7, 0, chk_predictions('Ensemble predictions', 200, CFG['min_prediction_accuracy']), 760, 340, 'prediction check')
    ws.append(w)
    # 8. End to end
    w = base('ModeConn_EndToEnd', 'CSV readers -> two endpoints (seeds 1, 2) -> Fit Curve -> Evaluate Curve; endpoint -> FGE -> Ensemble Predictor; Fit Curve -> Plane Slice (the plane of the curve).')
    two_endpoints_and_curve(w)
    w.add(7, evaluate_curve(), 580, 120, '11 points + line'); w.conn(6, 0, 7, 0); w.conn(2, 0, 7, 1); w.conn(3, 0, 7, 2)
    # Only the curve: with a curve connected Plane Slice ignores its network ports, and says so in a warning.
    w.add(8, plane_slice(), 580, 300, '7 x 7 grid'); w.conn(6, 0, 8, 0); w.conn(2, 0, 8, 1); w.conn(3, 0, 8, 2)
    w.add(9, fge(), 400, 460, 'from seed 1'); w.conn(4, 0, 9, 0); w.conn(2, 0, 9, 1); w.conn(3, 0, 9, 2)
    w.add(11, predictor(), 580, 480, 'FGE ensemble'); w.conn(9, 0, 11, 1); w.conn(3, 0, 11, 2)
    w.check(20, 4, 1, chk_history('Endpoint 1 history', CFG['endpoint_epochs'], True, CFG['max_endpoint_test_error']), 400, 20, 'history check')
    w.check(22, 7, 0, chk_eval_curve(11), 760, 100, 'along-t check')
    w.check(24, 8, 0, chk_plane(7), 760, 280, 'grid check')
    w.check(26, 9, 1, chk_fge(CFG['fge_epochs']), 580, 620, 'snapshot check')
    w.check(28, 11, 0, chk_predictions('Ensemble predictions', 200, CFG['min_prediction_accuracy']), 760, 480, 'prediction check')
    ws.append(w)
    # 9. Align Networks
    w = base('ModeConn_AlignNetworks', 'Aligns the endpoint of seed 2 to that of seed 1 (weight matching), predicts the 200 test digits with the aligned network, fits and evaluates a Bezier curve from seed 1 to it, and measures the line between every pair of the three networks (Connectivity Matrix).')
    w.add(4, train_endpoint(1), 220, 120, 'seed 1'); w.conn(2, 0, 4, 0); w.conn(3, 0, 4, 1)
    w.add(5, train_endpoint(2), 220, 300, 'seed 2'); w.conn(2, 0, 5, 0); w.conn(3, 0, 5, 1)
    w.add(6, align_networks(measure_lines=True), 400, 220, 'seed 2 aligned to seed 1, lines'); w.conn(4, 0, 6, 0); w.conn(5, 0, 6, 1)
    w.conn(2, 0, 6, 2); w.conn(3, 0, 6, 3)
    w.check(20, 6, 2, chk_lines(11), 580, 700, 'lines check')
    w.add(7, predictor(), 580, 380, 'aligned network'); w.conn(6, 0, 7, 0); w.conn(3, 0, 7, 2)
    w.add(8, fit_curve(), 580, 200, 'Bezier to the aligned'); w.conn(4, 0, 8, 0); w.conn(6, 0, 8, 1); w.conn(2, 0, 8, 2)
    w.add(9, evaluate_curve(line_repair=True), 760, 200, '11 points, line, REPAIR'); w.conn(8, 0, 9, 0); w.conn(2, 0, 9, 1); w.conn(3, 0, 9, 2)
    w.check(10, 6, 1, chk_alignment(2), 580, 40, 'matching check')
    w.check(12, 7, 0, chk_predictions('Aligned network predictions', 200, CFG['min_prediction_accuracy']), 760, 380, 'prediction check')
    w.check(14, 9, 0, chk_eval_curve(11, repair=True), 940, 200, 'along-t check')
    w.add(16, connectivity_matrix(), 580, 540, 'seeds 1, 2 and aligned')
    w.conn(2, 0, 16, 1); w.conn(3, 0, 16, 2); w.conn(4, 0, 16, 3); w.conn(5, 0, 16, 4); w.conn(6, 0, 16, 5)
    w.check(17, 16, 0, chk_connectivity(3), 760, 540, 'pairs check')
    ws.append(w)
    # 10. ONNX round trip
    w = base('ModeConn_OnnxRoundTrip', 'Trains an endpoint, writes it as an ONNX file beside the workflow (data/roundtrip.onnx), reads it back, and predicts the 200 test digits with both: the probabilities must agree to 1e-5.')
    w.add(4, train_endpoint(1), 220, 240, 'seed 1'); w.conn(2, 0, 4, 0); w.conn(3, 0, 4, 1)
    w.add(5, onnx_writer('data/roundtrip.onnx'), 400, 120, 'data/roundtrip.onnx'); w.conn(4, 0, 5, 0)
    w.add(6, onnx_reader('data/roundtrip.onnx'), 580, 120, 'after the writer'); w.flow(5, 6)
    w.add(7, predictor(), 400, 340, 'trained network'); w.conn(4, 0, 7, 0); w.conn(3, 0, 7, 2)
    w.add(8, predictor('Prediction ONNX'), 760, 260, 'read back'); w.conn(6, 0, 8, 0); w.conn(7, 0, 8, 2)
    w.check(10, 8, 0, chk_same_predictions(10), 940, 260, 'identical check')
    w.check(12, 8, 0, chk_predictions('ONNX network predictions', 200, CFG['min_prediction_accuracy']), 940, 420, 'prediction check')
    ws.append(w)
    # 11. Independent ensemble from a loop
    w = base('ModeConn_IndependentEnsemble', 'Trains one endpoint per row of data/seeds.csv (seeds 1 to 4) in a Table Row to Variable Loop Start loop whose variable sets Train Endpoint\'s seed; Ensemble Loop End makes the four networks one ensemble, whose six pairs Connectivity Matrix measures and with which Ensemble Predictor predicts the 200 test digits. Merge Networks merges the four into one network (predictions checked), and Sharpness measures its Hessian.')
    w.add(4, csv_reader(SEEDS), 40, 540, 'seeds 1 to 4')
    w.add(5, table_row_loop_start('seed'), 220, 540, 'one iteration per seed'); w.conn(4, 0, 5, 0)
    w.add(6, overwritten_by(train_endpoint(1), 'seed', 'seed'), 400, 300, 'seed from the loop')
    w.conn(2, 0, 6, 0); w.conn(3, 0, 6, 1); w.flow(5, 6)
    w.add(7, ensemble_loop_end(), 580, 300, 'one member per seed'); w.conn(6, 0, 7, 0)
    w.add(8, connectivity_matrix(), 760, 200, 'every pair of the four'); w.conn(7, 0, 8, 0); w.conn(2, 0, 8, 1); w.conn(3, 0, 8, 2)
    w.add(9, predictor(), 760, 420, 'Ind ensemble'); w.conn(7, 0, 9, 1); w.conn(3, 0, 9, 2)
    w.check(10, 8, 0, chk_connectivity(6, distinct=True), 940, 200, 'pairs check')
    w.check(12, 9, 0, chk_predictions('Ind ensemble predictions', 200, CFG['min_prediction_accuracy']), 940, 420, 'prediction check')
    w.add(14, merge_networks(), 760, 620, 'the four merged'); w.conn(7, 0, 14, 0); w.conn(2, 0, 14, 1); w.conn(3, 0, 14, 2)
    w.add(15, predictor(), 940, 620, 'merged network'); w.conn(14, 0, 15, 0); w.conn(3, 0, 15, 2)
    w.check(16, 15, 0, chk_predictions('Merged network predictions', 200, CFG['min_prediction_accuracy']), 1120, 620, 'prediction check')
    w.add(18, sharpness_node(), 940, 780, 'of the merged network'); w.conn(14, 0, 18, 0); w.conn(2, 0, 18, 2)
    w.check(19, 18, 0, chk_sharpness(), 1120, 780, 'sharpness check')
    ws.append(w)
    for w in ws:
        w.write()
    print('wrote', [w.name for w in ws])

if __name__ == '__main__':
    build()

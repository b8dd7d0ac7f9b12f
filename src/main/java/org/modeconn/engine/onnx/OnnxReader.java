package org.modeconn.engine.onnx;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import onnx.Onnx;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.LayerGraphSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.layers.BatchNormConvention;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.modeconn.engine.network.layers.PoolWindow;
import org.modeconn.engine.network.layers.TensorShape;
import org.modeconn.engine.onnx.OnnxTensors.Constant;
import org.modeconn.engine.record.Json;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Reads an ONNX classifier into a network of the engine: its operators become a stored layer list
 * ({@link LayerGraphSpec}), its initialisers the flat parameter vector (BatchNorm's running statistics
 * included), leading Sub/Mul/Div of constants the feature scaling. What it cannot represent exactly is refused,
 * naming the node, the operator and what is read ({@link #SUPPORTED}); nothing is dropped silently.
 */
public final class OnnxReader {

    /** The operators read, as a text for help and messages. */
    public static final String OPERATORS = "Conv, BatchNormalization, Relu, MaxPool, AveragePool, GlobalAveragePool, "
        + "Gemm, MatMul, Add, Flatten, Reshape, Dropout, Identity, Constant, Pad, Softmax, LogSoftmax, Sub, Mul, Div, "
        + "Shape, ReduceMean";
    /** The operators read. */
    public static final List<String> SUPPORTED = List.of(OPERATORS.split(", "));
    /** The oldest operator set read. */
    public static final int MIN_OPSET = 9;
    /** The newest operator set read. */
    public static final int MAX_OPSET = 21;

    /** What a name in the graph stands for while it is read. */
    private sealed interface Value permits Layer, Input, Const {
    }

    /**
     * A layer's output; {@code flat} when ONNX sees an image flattened to [N, C·H·W] (only a dense layer reads
     * it so), {@code probabilities} once a softmax was applied to it.
     */
    private record Layer(int node, boolean flat, boolean probabilities) implements Value {
    }

    /**
     * The network's input, possibly with leading Sub/Mul/Div folded into the scaling; {@code flat} once ONNX sees an
     * image input flattened to [N, C·H·W] (as {@code nn.Flatten()} first in a PyTorch MLP exports).
     */
    private record Input(boolean flat) implements Value {
    }

    private record Const(Constant tensor) implements Value {
    }

    private final String file;
    private final Onnx.GraphProto graph;
    private final int opset;
    private final Map<String, Value> values = new HashMap<>();
    /** How many nodes read each value, counted by its first name (an Identity gives a value a second name). */
    private final Map<String, Integer> readers = new HashMap<>();
    private final Map<String, String> firstName = new HashMap<>();
    private final NetworkLayers.Builder builder;
    private final List<LayerGraphSpec.Layer> layers = new ArrayList<>();
    private final Map<Integer, Map<String, float[]>> parameters = new HashMap<>();
    private final Set<Integer> biasPending = new HashSet<>();
    private final TensorShape inputShape;
    private final String inputName;
    /** The input's batch size where the file fixes it, else −1. */
    private final long inputBatch;
    private float[] shift;
    private float[] factor;
    private boolean inputRead;

    private OnnxReader(Onnx.ModelProto model, String file) {
        this.file = file;
        this.graph = model.getGraph();
        this.opset = opsetOf(model);
        for (Onnx.TensorProto t : graph.getInitializerList()) {
            values.put(t.getName(), new Const(OnnxTensors.read(t, file)));
        }
        List<Onnx.ValueInfoProto> inputs = graph.getInputList().stream()
            .filter(i -> !values.containsKey(i.getName())).toList();
        if (inputs.size() != 1 || graph.getOutputCount() != 1) {
            throw new InvalidInputException("The ONNX model '" + file + "' has " + inputs.size() + " input"
                + (inputs.size() == 1 ? "" : "s") + " and " + graph.getOutputCount() + " output"
                + (graph.getOutputCount() == 1 ? "" : "s") + "; a classifier read here has one input (features or "
                + "an image) and one output (its class scores).", "Export the network alone, with one input tensor "
                    + "and its logits or probabilities as the only output.");
        }
        this.inputName = inputs.get(0).getName();
        Onnx.TensorShapeProto.Dimension first = inputs.get(0).getType().getTensorType().getShape().getDimCount() > 0
            ? inputs.get(0).getType().getTensorType().getShape().getDim(0) : null;
        this.inputBatch = first != null && first.hasDimValue() ? first.getDimValue() : -1;
        this.inputShape = shapeOf(inputs.get(0));
        this.builder = NetworkLayers.builder(inputShape, file);
        values.put(inputName, new Input(false));
        for (Onnx.NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Identity") && n.getInputCount() == 1) {
                firstName.put(n.getOutput(0), firstName(n.getInput(0)));
                continue;
            }
            for (String in : n.getInputList()) {
                readers.merge(firstName(in), 1, Integer::sum);
            }
        }
        shift = new float[inputShape.size()];
        factor = new float[inputShape.size()];
        java.util.Arrays.fill(factor, 1f);
    }

    /** The name a value was first given, through any Identity that renamed it. */
    private String firstName(String name) {
        return firstName.getOrDefault(name, name);
    }

    /** Reads the model in {@code file}. */
    public static Network read(Path file, ImportOptions options) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("The ONNX model file " + file + " does not exist.",
                "Check the path; a path relative to the workflow or working directory is resolved from there.");
        } catch (IOException e) {
            throw new InvalidInputException("The ONNX model file " + file + " cannot be read: " + e.getMessage(),
                "Check that the file is readable.");
        }
        return read(bytes, file.getFileName().toString(), options);
    }

    /** Reads a model from its bytes; {@code name} names it in messages and in the network's architecture. */
    public static Network read(byte[] bytes, String name, ImportOptions options) {
        return readWithMetadata(bytes, name, options).network();
    }

    /**
     * A network read from a model, with the model's metadata properties (key to value).
     *
     * @param network the network
     * @param metadata the model's metadata properties
     */
    public record Imported(Network network, Map<String, String> metadata) {
    }

    /** Reads a model from its bytes, once, into its network and its metadata. */
    public static Imported readWithMetadata(byte[] bytes, String name, ImportOptions options) {
        Onnx.ModelProto model;
        try {
            model = Onnx.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw notOnnx(name);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw notOnnx(name);
        }
        for (Onnx.StringStringEntryProto p : model.getMetadataPropsList()) {
            if (p.getKey().equals("modeconn.kind") && p.getValue().equals("ensemble")) {
                throw new InvalidInputException("The ONNX model '" + name + "' is a whole ensemble (one graph "
                    + "averaging its members); a network is read from a file of one network.",
                    "Export the members one by one, or use the ensemble file (.ens) this one was exported from.");
            }
        }
        return new Imported(new OnnxReader(model, name).network(model, options), metadataOf(model));
    }

    private static Map<String, String> metadataOf(Onnx.ModelProto model) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Onnx.StringStringEntryProto p : model.getMetadataPropsList()) {
            out.put(p.getKey(), p.getValue());
        }
        return out;
    }

    /** The model's metadata properties (key to value), read without importing the network. */
    public static Map<String, String> metadata(byte[] bytes, String name) {
        try {
            return metadataOf(Onnx.ModelProto.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw notOnnx(name);
        }
    }

    private static InvalidInputException notOnnx(String name) {
        return new InvalidInputException("The file '" + name + "' is not an ONNX model.",
            "Give a .onnx file as written by torch.onnx.export or export-onnx.");
    }

    private static int opsetOf(Onnx.ModelProto model) {
        int opset = -1;
        for (Onnx.OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) o.getVersion();
            }
        }
        return opset;
    }

    private TensorShape shapeOf(Onnx.ValueInfoProto input) {
        List<Onnx.TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        int elem = input.getType().getTensorType().getElemType();
        if (elem != Onnx.TensorProto.DataType.FLOAT_VALUE) {
            throw new InvalidInputException("The ONNX model '" + file + "' takes its input '" + input.getName()
                + "' as " + Onnx.TensorProto.DataType.forNumber(elem) + "; a network here takes float32 features.",
                "Export the model with a float32 input.");
        }
        long[] fixed = dims.stream().skip(1).mapToLong(d -> d.hasDimValue() ? d.getDimValue() : -1).toArray();
        boolean known = java.util.Arrays.stream(fixed).allMatch(d -> d > 0);
        if (!known || (dims.size() != 2 && dims.size() != 4)) {
            throw new InvalidInputException("The ONNX model '" + file + "' has the input '" + input.getName()
                + "' of shape " + dims.stream().map(d -> d.hasDimValue() ? Long.toString(d.getDimValue())
                    : d.getDimParam().isEmpty() ? "?" : d.getDimParam()).collect(Collectors.joining("×"))
                + "; read are [N, features] and [N, C, H, W] with every size but the batch fixed.",
                "Export with a fixed feature count or image size (only the batch dimension may be dynamic).");
        }
        return dims.size() == 2 ? TensorShape.flat(Math.toIntExact(fixed[0]))
            : TensorShape.image(Math.toIntExact(fixed[0]), Math.toIntExact(fixed[1]), Math.toIntExact(fixed[2]));
    }

    private Network network(Onnx.ModelProto model, ImportOptions options) {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new InvalidInputException("The ONNX model '" + file + "' uses operator set " + opset + "; read are "
                + MIN_OPSET + " to " + MAX_OPSET + ".", "Export with an opset in that range (torch.onnx.export("
                    + "…, opset_version=17)).");
        }
        for (Onnx.NodeProto n : graph.getNodeList()) {
            node(n);
        }
        String outName = graph.getOutput(0).getName();
        Value out = values.get(outName);
        if (!(out instanceof Layer last) || last.node() < 0
                || !(layers.get(last.node()).op() instanceof LayerOp.Dense classifier)) {
            throw new InvalidInputException("The ONNX model '" + file + "' does not end in a dense layer to its "
                + "classes (Gemm, or MatMul and Add), optionally followed by Softmax or LogSoftmax; that layer is "
                + "the classifier a network here ends in.", "Export a classifier whose last layer is "
                    + "torch.nn.Linear.");
        }
        for (int i = 0; i < layers.size(); i++) {
            int node = i;
            if (node != last.node() && layers.stream().noneMatch(l -> l.inputs().contains(node))) {
                throw new InvalidInputException("The ONNX model '" + file + "' computes a layer (" + layers.get(i).op()
                    .kind() + ", the " + (i + 1) + ". read) whose output nothing reads: a branch that does not reach "
                    + "the classifier.", "Export the network without the unused branch.");
            }
        }
        if (biasPending.contains(last.node())) {
            throw new InvalidInputException("The ONNX model '" + file + "' ends in a dense layer without a bias (Gemm "
                + "without its C input, or MatMul without an Add); the classifier here has one.",
                "Export the last layer with bias=True.");
        }
        // a hidden dense layer without a bias (torch.nn.Linear(bias=False), before a BatchNorm say) stays so
        for (int node : biasPending) {
            LayerOp.Dense d = (LayerOp.Dense) layers.get(node).op();
            layers.set(node, new LayerGraphSpec.Layer(new LayerOp.Dense(d.units(), false), layers.get(node).inputs()));
        }
        if (layers.size() < 2) {
            throw new InvalidInputException("The ONNX model '" + file + "' is a single dense layer; a network here "
                + "has at least one layer before its classifier.", "Give a network with a hidden layer.");
        }
        int classes = classifier.units();
        int head = layers.size() - 1;
        if (last.node() != head || !layers.get(head).inputs().equals(List.of(head - 1))) {
            throw new InvalidInputException("The ONNX model '" + file + "' computes layers its classifier does "
                + "not read after the layer it reads.", "Export the classifier right after the layer it reads.");
        }
        List<String> classNames = classNames(model, options, classes);
        LayerGraphSpec architecture = new LayerGraphSpec(file, layers.subList(0, head), inputShape.image());
        ImageShape image = inputShape.image()
            ? new ImageShape(inputShape.channels(), inputShape.height(), inputShape.width()) : null;
        NetworkSpec spec = new NetworkSpec(architecture, inputShape.size(), image, classNames);
        float[] flat = flatParameters(spec, head);
        return new Network(spec, scaling(options, image), flat, null, null);
    }

    private List<String> classNames(Onnx.ModelProto model, ImportOptions options, int classes) {
        List<String> names = options.classNames();
        String source = "given";
        if (names == null) {
            for (Onnx.StringStringEntryProto p : model.getMetadataPropsList()) {
                if (p.getKey().equals(OnnxFormat.CLASSES_KEY)) {
                    try {
                        names = Json.MAPPER.readValue(p.getValue(), new TypeReference<List<String>>() { });
                        source = "in the model's metadata";
                    } catch (IOException e) {
                        names = null;
                    }
                }
            }
        }
        if (names == null) {
            return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        }
        if (names.size() != classes) {
            throw new InvalidInputException("The ONNX model '" + file + "' has " + classes + " outputs, but "
                + names.size() + " class names are " + source + ": " + names + ".",
                "Give one class name per output, in output order.");
        }
        return names;
    }

    private FeatureScaling scaling(ImportOptions options, ImageShape image) {
        boolean inGraph = false;
        for (int i = 0; i < shift.length; i++) {
            inGraph |= shift[i] != 0 || factor[i] != 1;
        }
        FeatureScaling stated = options.scalingFor(image, inputShape.size());
        if (!inGraph) {
            return stated;
        }
        // the stated scaling first (pixels to [0, 1], say), then the model's own:
        // ((x − s1)·f1 − s2)·f2 = (x − (s1 + s2/f1))·(f1·f2)
        float[] s1 = stated.shift();
        float[] f1 = stated.factor();
        float[] s = new float[shift.length];
        float[] f = new float[shift.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = s1[i] + shift[i] / f1[i];
            f[i] = f1[i] * factor[i];
        }
        return FeatureScaling.of(options.scales() ? stated.kind() + "+onnx" : "onnx", s, f);
    }

    /** The flat parameter vector of {@code spec}'s layout, filled from the tensors read per layer. */
    private float[] flatParameters(NetworkSpec spec, int head) {
        NetworkLayers built = spec.layers();
        ParameterLayout layout = ParameterLayout.of(built);
        Map<String, Integer> nodeOf = new LinkedHashMap<>();
        for (LayerNode n : built.nodes()) {
            if (n.name() != null) {
                nodeOf.put(n.name(), n.op() instanceof LayerOp.SoftmaxOutput ? head : n.index());
            }
        }
        float[] flat = new float[Math.toIntExact(layout.size())];
        for (ParameterBlock b : layout.blocks()) {
            float[] values = parameters.getOrDefault(nodeOf.get(b.layer()), Map.of()).get(b.name());
            if (values == null || values.length != b.length()) {
                throw new IllegalStateException("no " + b.name() + " of " + b.length() + " for layer " + b.layer());
            }
            System.arraycopy(values, 0, flat, Math.toIntExact(b.offset()), values.length);
        }
        return flat;
    }

    // ---------------------------------------------------------------- operators

    private void node(Onnx.NodeProto n) {
        String op = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx") ? n.getOpType() : n.getDomain() + "."
            + n.getOpType();
        if (ConstantFolding.FOLDED.contains(op) && folds(n)) {
            return;
        }
        switch (op) {
            case "Constant" -> constant(n);
            case "Identity" -> alias(n, value(n, 0));
            case "Conv" -> conv(n);
            case "BatchNormalization" -> batchNorm(n);
            case "Relu" -> append(n, new LayerOp.Relu(), layer(n, 0, false));
            case "MaxPool", "AveragePool" -> pool(n, op.equals("MaxPool"));
            case "GlobalAveragePool" -> {
                int from = layer(n, 0, false);
                requireImage(n, from);
                int node = append(n, new LayerOp.GlobalAvgPool(), from);
                values.put(n.getOutput(0), new Layer(node, false, false));
            }
            case "ReduceMean" -> reduceMean(n);
            case "Flatten" -> flatten(n, ints(n, "axis", new long[] {1})[0]);
            case "Shape" -> shape(n);
            case "Reshape" -> reshape(n);
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n);
            case "Add" -> add(n);
            case "Sub", "Mul", "Div" -> scale(n, op);
            case "Dropout" -> dropout(n);
            case "Pad" -> pad(n);
            case "Softmax", "LogSoftmax" -> {
                Layer l = requireLayer(n, 0);
                if (l.probabilities()) {
                    throw unsupported(n, "it is applied to probabilities already; read is one softmax, on the "
                        + "classifier's scores");
                }
                // over the classes of a row [N, classes]: axis 1 or −1 (older opsets' default 1 flattens from it)
                long axis = ints(n, "axis", new long[] {opset < 13 ? 1 : -1})[0];
                if (axis != 1 && axis != -1 || builder.shapeOf(l.node()).image()) {
                    throw unsupported(n, "it is taken over axis " + axis + " of " + builder.shapeOf(l.node())
                        + "; read is a softmax over the classes of each row (axis 1)");
                }
                values.put(n.getOutput(0), new Layer(l.node(), l.flat(), true));
            }
            default -> throw unsupported(n, "the operator " + op + " is not read");
        }
    }

    /** Computes {@code n} now if every input it has is a constant; whether it did. */
    private boolean folds(Onnx.NodeProto n) {
        List<Constant> in = new ArrayList<>();
        for (String name : n.getInputList()) {
            if (name.isEmpty()) {
                in.add(null);
            } else if (values.get(name) instanceof Const c) {
                in.add(c.tensor());
            } else {
                return false;
            }
        }
        if (in.isEmpty() || in.get(0) == null) {
            return false;
        }
        Constant out;
        try {
            out = ConstantFolding.fold(n, in, opset);
        } catch (RuntimeException e) {
            throw unsupported(n, "its constant inputs cannot be computed (" + e + ")");
        }
        if (out == null) {
            return false;
        }
        values.put(n.getOutput(0), new Const(out));
        return true;
    }

    private InvalidInputException unsupported(Onnx.NodeProto n, String why) {
        return new InvalidInputException("The ONNX model '" + file + "' cannot be read: at node '" + nodeName(n)
            + "' (" + n.getOpType() + "), " + why + ".", "Read are the operators " + OPERATORS
                + " (opsets " + MIN_OPSET + "–" + MAX_OPSET + ") of a classifier with one input; README lists what "
                + "each accepts. Export the network with those, or change the layer.");
    }

    private String nodeName(Onnx.NodeProto n) {
        return n.getName().isEmpty() ? n.getOutput(0) : n.getName();
    }

    private Value value(Onnx.NodeProto n, int i) {
        Value v = values.get(n.getInput(i));
        if (v == null) {
            throw unsupported(n, "its input '" + n.getInput(i) + "' is computed by no node before it");
        }
        return v;
    }

    /** Input {@code i} as a layer's output (the scaled network input counts as node −1). */
    private int layer(Onnx.NodeProto n, int i, boolean flatOk) {
        Value v = value(n, i);
        if (v instanceof Input in) {
            if (in.flat() && !flatOk && inputShape.image()) {
                throw unsupported(n, "it reads the image input flattened to a row; only a dense layer (Gemm, MatMul) "
                    + "may");
            }
            inputRead = true;
            return -1;
        }
        if (!(v instanceof Layer l)) {
            throw unsupported(n, "its input '" + n.getInput(i) + "' is a constant where a layer's output is read");
        }
        if (l.probabilities()) {
            throw unsupported(n, "it reads the output of a Softmax; a softmax is read only as the last operation");
        }
        if (l.flat() && !flatOk && builder.shapeOf(l.node()).image()) {
            throw unsupported(n, "it reads an image flattened to a row; only a dense layer (Gemm, MatMul) may");
        }
        return l.node();
    }

    private Layer requireLayer(Onnx.NodeProto n, int i) {
        Value v = value(n, i);
        if (v instanceof Layer l) {
            return l;
        }
        throw unsupported(n, "it is applied to " + (v instanceof Input ? "the network's input" : "a constant"));
    }

    private Constant constantInput(Onnx.NodeProto n, int i, String what) {
        if (n.getInputCount() <= i || n.getInput(i).isEmpty()) {
            return null;
        }
        Value v = value(n, i);
        if (!(v instanceof Const c)) {
            throw unsupported(n, "its " + what + " '" + n.getInput(i) + "' is computed, not a constant");
        }
        return c.tensor();
    }

    private void alias(Onnx.NodeProto n, Value v) {
        values.put(n.getOutput(0), v);
    }

    private void requireImage(Onnx.NodeProto n, int from) {
        if (!builder.shapeOf(from).image()) {
            throw unsupported(n, "its input is a row of features, not an image");
        }
    }

    private int append(Onnx.NodeProto n, LayerOp op, int... inputs) {
        List<Integer> in = IntStream.of(inputs).boxed().toList();
        int node;
        try {
            node = builder.append(op, in);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw unsupported(n, e.getMessage());
        }
        layers.add(new LayerGraphSpec.Layer(op, in));
        values.put(n.getOutput(0), new Layer(node, false, false));
        return node;
    }

    private void param(int node, String name, float[] v) {
        parameters.computeIfAbsent(node, k -> new HashMap<>()).put(name, v);
    }

    private Onnx.AttributeProto attribute(Onnx.NodeProto n, String name) {
        for (Onnx.AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private long[] ints(Onnx.NodeProto n, String name, long[] dflt) {
        Onnx.AttributeProto a = attribute(n, name);
        if (a == null) {
            return dflt;
        }
        if (a.getType() == Onnx.AttributeProto.AttributeType.INT) {
            return new long[] {a.getI()};
        }
        return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private float floatAttr(Onnx.NodeProto n, String name, float dflt) {
        Onnx.AttributeProto a = attribute(n, name);
        return a == null ? dflt : a.getF();
    }

    private String stringAttr(Onnx.NodeProto n, String name, String dflt) {
        Onnx.AttributeProto a = attribute(n, name);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    private void constant(Onnx.NodeProto n) {
        String out = n.getOutput(0);
        Onnx.AttributeProto a = attribute(n, "value");
        if (a != null && a.hasT()) {
            values.put(out, new Const(OnnxTensors.read(a.getT().toBuilder().setName(out).build(), file)));
            return;
        }
        // opset 12's scalar and list forms
        Onnx.AttributeProto i = attribute(n, "value_int");
        Onnx.AttributeProto is = attribute(n, "value_ints");
        Onnx.AttributeProto f = attribute(n, "value_float");
        Onnx.AttributeProto fs = attribute(n, "value_floats");
        long[] longs = i != null ? new long[] {i.getI()}
            : is != null ? is.getIntsList().stream().mapToLong(Long::longValue).toArray() : null;
        float[] floats = f != null ? new float[] {f.getF()} : null;
        if (fs != null) {
            floats = new float[fs.getFloatsCount()];
            for (int k = 0; k < floats.length; k++) {
                floats[k] = fs.getFloats(k);
            }
        }
        if (longs != null) {
            float[] asFloats = new float[longs.length];
            for (int k = 0; k < longs.length; k++) {
                asFloats[k] = longs[k];
            }
            long[] dims = i != null ? new long[0] : new long[] {longs.length};
            values.put(out, new Const(new Constant(out, dims, asFloats, longs)));
        } else if (floats != null) {
            long[] dims = f != null ? new long[0] : new long[] {floats.length};
            values.put(out, new Const(new Constant(out, dims, floats, null)));
        } else {
            throw unsupported(n, "only a Constant holding a tensor or numbers (value, value_int(s), value_float(s)) "
                + "is read");
        }
    }

    private void requireOnes(Onnx.NodeProto n, String name) {
        for (long d : ints(n, name, new long[] {1})) {
            if (d != 1) {
                throw unsupported(n, "its " + name + " " + d + " is not read (only 1)");
            }
        }
    }

    private void conv(Onnx.NodeProto n) {
        int from = layer(n, 0, false);
        requireImage(n, from);
        Constant w = constantInput(n, 1, "weights");
        Constant b = constantInput(n, 2, "bias");
        requireOnes(n, "dilations");
        requireOnes(n, "group");
        if (w == null || w.dims().length != 4) {
            throw unsupported(n, "its weights are not a 4-dimensional constant");
        }
        int kh = Math.toIntExact(w.dims()[2]);
        int kw = Math.toIntExact(w.dims()[3]);
        long[] strides = twoInts(n, "strides");
        int out = Math.toIntExact(w.dims()[0]);
        if (w.dims()[1] != builder.shapeOf(from).channels()) {
            throw unsupported(n, "its weights take " + w.dims()[1] + " input channels, its input has "
                + builder.shapeOf(from).channels());
        }
        int[] pads = windowPadding(n, kh, kw, strides);
        int[] own = symmetricPart(pads);
        from = padRest(n, from, pads, own);
        int node = append(n, new LayerOp.Conv(out, kh, kw, Math.toIntExact(strides[0]), Math.toIntExact(strides[1]),
            own[0], own[1], b != null), from);
        param(node, "W", w.floats());
        if (b != null) {
            param(node, "b", vector(n, b, out, "bias"));
        }
    }

    private long[] twoInts(Onnx.NodeProto n, String name) {
        long[] v = ints(n, name, new long[] {1, 1});
        if (v.length != 2) {
            throw unsupported(n, "its " + name + " " + java.util.Arrays.toString(v) + " are not two numbers");
        }
        return v;
    }

    /**
     * The rows of zeros above and below and the columns left and right of a window kh×kw moving by
     * {@code strides}: top, left, bottom, right.
     */
    private int[] windowPadding(Onnx.NodeProto n, int kh, int kw, long[] strides) {
        String auto = stringAttr(n, "auto_pad", "NOTSET");
        switch (auto) {
            case "NOTSET" -> {
                long[] pads = ints(n, "pads", new long[] {0, 0, 0, 0});
                if (pads.length != 4) {
                    throw unsupported(n, "its pads " + java.util.Arrays.toString(pads) + " are not four numbers");
                }
                return java.util.Arrays.stream(pads).mapToInt(Math::toIntExact).toArray();
            }
            case "VALID" -> {
                return new int[4];
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                if (strides[0] != 1 || strides[1] != 1) {
                    throw unsupported(n, "auto_pad " + auto + " with strides " + java.util.Arrays.toString(strides)
                        + " is not read; give the pads");
                }
                // stride 1: kh − 1 rows in all, the odd one below (SAME_UPPER) or above (SAME_LOWER)
                boolean upper = auto.equals("SAME_UPPER");
                int h = kh - 1;
                int w = kw - 1;
                return new int[] {upper ? h / 2 : h - h / 2, upper ? w / 2 : w - w / 2, upper ? h - h / 2 : h / 2,
                    upper ? w - w / 2 : w / 2};
            }
            default -> throw unsupported(n, "auto_pad " + auto + " is not read");
        }
    }

    /** The padding a window keeps as its own: in each direction, what both sides have. */
    private static int[] symmetricPart(int[] pads) {
        return new int[] {Math.min(pads[0], pads[2]), Math.min(pads[1], pads[3])};
    }

    /** Appends a ZeroPad layer for what {@code pads} has beyond {@code own} on one side; returns the node to read. */
    private int padRest(Onnx.NodeProto n, int from, int[] pads, int[] own) {
        int top = pads[0] - own[0];
        int left = pads[1] - own[1];
        int bottom = pads[2] - own[0];
        int right = pads[3] - own[1];
        if (top == 0 && left == 0 && bottom == 0 && right == 0) {
            return from;
        }
        LayerOp.ZeroPad pad = new LayerOp.ZeroPad(top, left, bottom, right);
        int node;
        try {
            node = builder.append(pad, List.of(from));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw unsupported(n, e.getMessage());
        }
        layers.add(new LayerGraphSpec.Layer(pad, List.of(from)));
        return node;
    }

    private float[] vector(Onnx.NodeProto n, Constant c, int length, String what) {
        if (c.size() != length) {
            throw unsupported(n, "its " + what + " has " + c.size() + " values for " + length + " channels or units");
        }
        return c.floats();
    }

    private void batchNorm(Onnx.NodeProto n) {
        int from = layer(n, 0, false);
        int channels = builder.shapeOf(from).channels();
        boolean moreOutputs = n.getOutputList().stream().skip(1).anyMatch(o -> !o.isEmpty());
        if (ints(n, "training_mode", new long[] {0})[0] != 0 || moreOutputs) {
            throw unsupported(n, "it is exported in training mode; BatchNorm is read with its running statistics");
        }
        float eps = floatAttr(n, "epsilon", 1e-5f);
        if (Math.abs(eps - BatchNormConvention.EPSILON) > 1e-9) {
            throw unsupported(n, "its epsilon " + eps + " differs from the " + BatchNormConvention.EPSILON
                + " that BatchNorm here uses (PyTorch's)");
        }
        String[] names = {"gamma", "beta", "mean", "var"};
        String[] what = {"scale", "bias", "running mean", "running variance"};
        float[][] v = new float[4][];
        for (int i = 0; i < 4; i++) {
            Constant c = constantInput(n, i + 1, what[i]);
            if (c == null) {
                throw unsupported(n, "it has no " + what[i]);
            }
            v[i] = vector(n, c, channels, what[i]);
        }
        int node = append(n, new LayerOp.BatchNorm(), from);
        for (int i = 0; i < 4; i++) {
            param(node, names[i], v[i]);
        }
    }

    private void pool(Onnx.NodeProto n, boolean max) {
        int from = layer(n, 0, false);
        requireImage(n, from);
        long[] k = ints(n, "kernel_shape", null);
        if (k == null || k.length != 2) {
            throw unsupported(n, "it has no two-dimensional kernel_shape");
        }
        int kh = Math.toIntExact(k[0]);
        int kw = Math.toIntExact(k[1]);
        long[] strides = twoInts(n, "strides");
        int sh = Math.toIntExact(strides[0]);
        int sw = Math.toIntExact(strides[1]);
        requireOnes(n, "dilations");
        if (ints(n, "storage_order", new long[] {0})[0] != 0) {
            throw unsupported(n, "storage_order 1 is not read");
        }
        boolean includePad = !max && ints(n, "count_include_pad", new long[] {0})[0] != 0;
        int[] pads = windowPadding(n, kh, kw, strides);
        TensorShape in = builder.shapeOf(from);
        // the last, partial window of ceil_mode: padding at the end that is never counted
        boolean ceil = ints(n, "ceil_mode", new long[] {0})[0] != 0;
        int overH = ceil ? ceilOverhang(in.height(), kh, sh, pads[0], pads[2]) : 0;
        int overW = ceil ? ceilOverhang(in.width(), kw, sw, pads[1], pads[3]) : 0;
        LayerOp pool;
        if (includePad && (overH > 0 || overW > 0 || pads[0] != pads[2] || pads[1] != pads[3])) {
            // counted padding, uneven or beside a partial window: zeros before an average of what they leave
            from = padRest(n, from, pads, new int[] {0, 0});
            pool = avgPool(n, kh, kw, sh, sw, new int[] {0, 0, overH, overW}, false);
        } else {
            int[] all = {pads[0], pads[1], pads[2] + overH, pads[3] + overW};
            // end padding beyond the start's that no window reaches (PyTorch's opset-9 ceil_mode writes some)
            all[2] = PoolWindow.reachedEnd(in.height(), kh, sh, all[0], all[2]);
            all[3] = PoolWindow.reachedEnd(in.width(), kw, sw, all[1], all[3]);
            int[] even = symmetricPart(all);
            if (even[0] != all[0] || even[1] != all[1]) {
                // more padding at the start: zeros, which only a max-pool of values never negative takes as −∞
                boolean nonNegative = from >= 0 && layers.get(from).op() instanceof LayerOp.Relu;
                if (!max || !nonNegative) {
                    throw unsupported(n, "its pads " + java.util.Arrays.toString(pads) + " are larger at the start "
                        + "than at the end; read is that for a max-pool right after a Relu, and for an average pool "
                        + "that counts its padding (count_include_pad 1)");
                }
                from = padRest(n, from, new int[] {all[0], all[1], even[0], even[1]}, even);
            }
            pool = max ? maxPool(n, kh, kw, sh, sw, even, all) : avgPool(n, kh, kw, sh, sw, all, includePad);
        }
        append(n, pool, from);
    }

    private LayerOp.MaxPool maxPool(Onnx.NodeProto n, int kh, int kw, int sh, int sw, int[] even, int[] all) {
        try {
            return new LayerOp.MaxPool(kh, kw, sh, sw, even[0], even[1], all[2] - even[0], all[3] - even[1]);
        } catch (IllegalArgumentException e) {
            throw unsupported(n, "it is " + e.getMessage());
        }
    }

    /** An average pool of the padding {@code pads} (top, left, bottom, right), no larger at the start. */
    private LayerOp.AvgPool avgPool(Onnx.NodeProto n, int kh, int kw, int sh, int sw, int[] pads, boolean include) {
        try {
            return new LayerOp.AvgPool(kh, kw, sh, sw, pads[0], pads[1], pads[2] - pads[0], pads[3] - pads[1],
                include);
        } catch (IllegalArgumentException e) {
            throw unsupported(n, "it is " + e.getMessage());
        }
    }

    /**
     * How far the last window of ceil_mode reaches beyond the end padding: ONNX's and PyTorch's output size
     * ⌈(size + begin + end − k) / s⌉ + 1, less one where that last window would start in the end padding.
     */
    private static int ceilOverhang(int size, int k, int s, int begin, int end) {
        int span = size + begin + end - k;
        int out = (span + s - 1) / s + 1;
        if ((out - 1) * s >= size + begin) {
            out--;
        }
        return Math.max(0, (out - 1) * s + k - (size + begin + end));
    }

    /**
     * The shape of a layer's output as a constant, its batch size written 0 ("as the input's", as Reshape reads
     * it): what {@code x.view(x.size(0), -1)} exports as, Shape, Gather, Unsqueeze and Concat before a Reshape.
     */
    private void shape(Onnx.NodeProto n) {
        Value v = value(n, 0);
        TensorShape s = v instanceof Input ? inputShape : v instanceof Layer l ? builder.shapeOf(l.node()) : null;
        if (s == null) {
            throw unsupported(n, "it asks the shape of a constant");
        }
        boolean flat = v instanceof Layer l && l.flat() || v instanceof Input in && in.flat();
        long[] dims = s.image() && !flat ? new long[] {0, s.channels(), s.height(), s.width()}
            : new long[] {0, s.size()};
        long start = ints(n, "start", new long[] {0})[0];
        long end = ints(n, "end", new long[] {dims.length})[0];
        start = Math.max(0, Math.min(dims.length, start < 0 ? start + dims.length : start));
        end = Math.max(start, Math.min(dims.length, end < 0 ? end + dims.length : end));
        long[] out = java.util.Arrays.copyOfRange(dims, (int) start, (int) end);
        float[] f = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            f[i] = out[i];
        }
        values.put(n.getOutput(0), new Const(new Constant(n.getOutput(0), new long[] {out.length}, f, out)));
    }

    /**
     * The mean over an image's height and width, {@code x.mean((2, 3))} as many networks write global average
     * pooling: read as that, the batch and channels kept.
     */
    private void reduceMean(Onnx.NodeProto n) {
        int from = layer(n, 0, false);
        requireImage(n, from);
        long[] axes = ints(n, "axes", null);
        if (axes == null && n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            Constant c = constantInput(n, 1, "axes");
            axes = c == null ? null : c.asLongs();
        }
        java.util.Set<Long> over = new java.util.TreeSet<>();
        for (long a : axes == null ? new long[0] : axes) {
            over.add(a < 0 ? a + 4 : a);
        }
        if (!over.equals(java.util.Set.of(2L, 3L))) {
            throw unsupported(n, "it takes the mean over axes " + (axes == null ? "all" : java.util.Arrays.toString(axes))
                + "; read is the mean over an image's height and width (axes 2 and 3), a global average pool");
        }
        boolean keep = ints(n, "keepdims", new long[] {1})[0] != 0;
        int node = append(n, new LayerOp.GlobalAvgPool(), from);
        values.put(n.getOutput(0), new Layer(node, !keep, false));
    }

    private void flatten(Onnx.NodeProto n, long axis) {
        Value v = value(n, 0);
        if (axis != 1) {
            throw unsupported(n, "it flattens from axis " + axis + "; read is axis 1 (keep the batch)");
        }
        if (v instanceof Input) {
            // the input stays as declared (an image); the dense layer that reads it flattens it, in C, H, W order
            values.put(n.getOutput(0), new Input(true));
            return;
        }
        Layer l = requireLayer(n, 0);
        values.put(n.getOutput(0), new Layer(l.node(), true, l.probabilities()));
    }

    private void reshape(Onnx.NodeProto n) {
        Constant shape = constantInput(n, 1, "shape");
        Value v = value(n, 0);
        long size = v instanceof Input ? inputShape.size() : builder.shapeOf(requireLayer(n, 0).node()).size();
        long[] s = shape == null ? null : shape.asLongs();
        // the batch as -1, 0 ("as the input's"), or the fixed batch size the file was exported with
        boolean batch = s != null && s.length == 2 && (s[0] == -1 || s[0] == 0 || s[0] == inputBatch);
        boolean toRows = batch && (s[1] == -1 || s[1] == size);
        if (!toRows) {
            throw unsupported(n, "only a reshape to [N, -1] (flattening each example) is read");
        }
        if (v instanceof Input) {
            values.put(n.getOutput(0), new Input(true));
            return;
        }
        Layer l = (Layer) v;
        values.put(n.getOutput(0), new Layer(l.node(), true, l.probabilities()));
    }

    private void gemm(Onnx.NodeProto n) {
        int from = layer(n, 0, true);
        Constant b = constantInput(n, 1, "weights");
        Constant c = constantInput(n, 2, "bias");
        if (ints(n, "transA", new long[] {0})[0] != 0) {
            throw unsupported(n, "transA 1 is not read");
        }
        if (b == null || b.dims().length != 2) {
            throw unsupported(n, "its weights are not a 2-dimensional constant");
        }
        boolean transB = ints(n, "transB", new long[] {0})[0] != 0;
        float alpha = floatAttr(n, "alpha", 1f);
        float beta = floatAttr(n, "beta", 1f);
        int in = Math.toIntExact(transB ? b.dims()[1] : b.dims()[0]);
        int out = Math.toIntExact(transB ? b.dims()[0] : b.dims()[1]);
        float[] w = transB ? b.floats().clone() : transpose(b.floats(), in, out);
        for (int i = 0; i < w.length; i++) {
            w[i] *= alpha;
        }
        int node = dense(n, from, in, out, w);
        if (c != null) {
            float[] bias = vector(n, c, out, "bias").clone();
            for (int i = 0; i < bias.length; i++) {
                bias[i] *= beta;
            }
            param(node, "b", bias);
        } else {
            biasPending.add(node);
        }
    }

    private void matMul(Onnx.NodeProto n) {
        int from = layer(n, 0, true);
        Constant b = constantInput(n, 1, "weights");
        if (b == null || b.dims().length != 2) {
            throw unsupported(n, "its second input is not a 2-dimensional constant");
        }
        int in = Math.toIntExact(b.dims()[0]);
        int out = Math.toIntExact(b.dims()[1]);
        int node = dense(n, from, in, out, transpose(b.floats(), in, out));
        biasPending.add(node);
    }

    /** A dense layer with weights [out, in]; its bias comes with it or from the Add after it. */
    private int dense(Onnx.NodeProto n, int from, int in, int out, float[] weights) {
        int size = builder.shapeOf(from).size();
        if (size != in) {
            throw unsupported(n, "its weights take " + in + " inputs, but the layer before gives " + size);
        }
        int node = append(n, new LayerOp.Dense(out, true), from);
        param(node, "W", weights);
        return node;
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    private void add(Onnx.NodeProto n) {
        Value a = value(n, 0);
        Value b = value(n, 1);
        if (a instanceof Const && b instanceof Layer) {
            Value swap = a;
            a = b;
            b = swap;
        }
        if (a instanceof Layer l && b instanceof Const c) {
            String layerName = value(n, 0) == a ? n.getInput(0) : n.getInput(1);
            if (!biasPending.contains(l.node()) || readers.getOrDefault(firstName(layerName), 0) != 1) {
                throw unsupported(n, "a constant is added to a layer's output; read is that only as the bias of the "
                    + "dense layer (MatMul) right before it");
            }
            int units = builder.shapeOf(l.node()).channels();
            param(l.node(), "b", vector(n, c.tensor(), units, "bias"));
            biasPending.remove(l.node());
            values.put(n.getOutput(0), l);
            return;
        }
        if (a instanceof Input || b instanceof Input) {
            throw unsupported(n, "it adds to the network's input");
        }
        int x = layer(n, 0, false);
        int y = layer(n, 1, false);
        if (!builder.shapeOf(x).equals(builder.shapeOf(y))) {
            throw unsupported(n, "it adds " + builder.shapeOf(x) + " and " + builder.shapeOf(y)
                + "; read are sums of equal shapes");
        }
        append(n, new LayerOp.Add(), x, y);
    }

    /** Sub, Mul or Div of a constant on the network's input, before any layer reads it: the feature scaling. */
    private void scale(Onnx.NodeProto n, String op) {
        Value x = value(n, 0);
        Constant c = n.getInputCount() > 1 && value(n, 1) instanceof Const k ? k.tensor() : null;
        if (!(x instanceof Input) || c == null || inputRead
                || readers.getOrDefault(firstName(n.getInput(0)), 0) != 1) {
            throw unsupported(n, op + " is read only with a constant, on the network's input before any layer "
                + "(as the input's scaling)");
        }
        float[] per = perFeature(n, c, ((Input) x).flat());
        for (int j = 0; j < per.length; j++) {
            switch (op) {
                case "Sub" -> shift[j] += per[j] / factor[j];
                case "Mul" -> factor[j] *= per[j];
                default -> factor[j] /= per[j];
            }
        }
        values.put(n.getOutput(0), new Input(((Input) x).flat()));
    }

    /**
     * A constant broadcast to one value per input feature (a scalar, one per channel, or one per feature); {@code flat}
     * when it applies to the image input flattened to a row.
     */
    private float[] perFeature(Onnx.NodeProto n, Constant c, boolean flat) {
        int size = inputShape.size();
        float[] out = new float[size];
        boolean image = inputShape.image() && !flat;
        int plane = image ? inputShape.height() * inputShape.width() : 1;
        // broadcast as ONNX does against [N, C, H, W] or [N, F]: trailing dimensions line up
        long[] d = c.dims();
        long[] full = image ? new long[] {inputShape.channels(), inputShape.height(), inputShape.width()}
            : new long[] {size};
        long[] trailing = java.util.Arrays.copyOfRange(d, Math.max(0, d.length - full.length), d.length);
        boolean leadingOnes = java.util.Arrays.stream(d, 0, Math.max(0, d.length - full.length)).allMatch(x -> x == 1);
        boolean perChannel = image && leadingOnes && trailing.length == 3 && trailing[0] == full[0]
            && trailing[1] == 1 && trailing[2] == 1;
        boolean perFeature = leadingOnes && java.util.Arrays.equals(trailing, full);
        if (c.size() == 1) {
            java.util.Arrays.fill(out, c.floats()[0]);
        } else if (perFeature) {
            System.arraycopy(c.floats(), 0, out, 0, size);
        } else if (perChannel) {
            for (int ch = 0; ch < inputShape.channels(); ch++) {
                java.util.Arrays.fill(out, ch * plane, (ch + 1) * plane, c.floats()[ch]);
            }
        } else {
            throw unsupported(n, "its constant of shape " + java.util.Arrays.toString(d) + " is neither one value, "
                + "one per channel ([C, 1, 1]) nor one per feature");
        }
        return out;
    }

    private void dropout(Onnx.NodeProto n) {
        int from = layer(n, 0, false);
        float ratio = floatAttr(n, "ratio", 0.5f);
        Constant r = constantInput(n, 1, "ratio");
        if (r != null) {
            ratio = r.floats()[0];
        }
        if (!(ratio >= 0 && ratio < 1)) {
            throw unsupported(n, "its ratio " + ratio + " is outside [0, 1)");
        }
        if (ratio == 0) {
            alias(n, value(n, 0));
        } else {
            // the float's shortest decimal, so that a probability written as 0.3 reads back as 0.3
            append(n, new LayerOp.Dropout(Double.parseDouble(Float.toString(ratio))), from);
        }
    }

    private void pad(Onnx.NodeProto n) {
        String mode = stringAttr(n, "mode", "constant");
        Constant padsInput = opset < 11 ? null : constantInput(n, 1, "pads");
        long[] pads = opset < 11 ? ints(n, "pads", null) : padsInput == null ? null : padsInput.asLongs();
        Constant fill = opset < 11 ? null : constantInput(n, 2, "constant value");
        float value = opset < 11 ? floatAttr(n, "value", 0f) : fill == null ? 0f : fill.floats()[0];
        if (!mode.equals("constant") || pads == null || value != 0) {
            throw unsupported(n, "only a Pad of zeros is read (mode constant, value 0)");
        }
        if (n.getInputCount() > 3 && !n.getInput(3).isEmpty()) {
            throw unsupported(n, "its axes input (opset 18) is not read; give pads for every axis");
        }
        if (java.util.Arrays.stream(pads).allMatch(p -> p == 0)) {
            alias(n, value(n, 0));
            return;
        }
        // [N, C, H, W] begins, then ends: rows and columns only
        if (pads.length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0
                || java.util.Arrays.stream(pads).anyMatch(p -> p < 0)) {
            throw unsupported(n, "its pads " + java.util.Arrays.toString(pads) + " are not rows and columns of zeros "
                + "around an image");
        }
        int from = layer(n, 0, false);
        requireImage(n, from);
        append(n, new LayerOp.ZeroPad(Math.toIntExact(pads[2]), Math.toIntExact(pads[3]), Math.toIntExact(pads[6]),
            Math.toIntExact(pads[7])), from);
    }
}

package org.modeconn.engine.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.modeconn.engine.data.ImageShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and backward passes of a {@link CnnSpec} network on the CPU: each convolution as one OpenBLAS
 * product over image patches (im2col with channels last, so that a patch row is k contiguous runs), ReLU
 * and 2×2 max-pooling as Java loops over the images in parallel, the dense layers as in {@link DenseMlpPasses}; on views of the
 * Deeplearning4j graph's own flat parameter and gradient vectors, so that optimisers, curves and files
 * see no difference. Deeplearning4j's convolution spends a third of a CNN step copying its im2col buffer
 * (in the forward and again in the backward pass) and most of the rest outside the products. Batches
 * are processed in chunks of at most {@value #MAX_ROWS} rows for prediction, so that the patch buffers
 * stay the size of one training batch. Not thread-safe, like the network that owns it.
 */
final class CnnPasses implements OwnPasses {

    /** Largest number of rows pushed through the passes at once when predicting. */
    static final int MAX_ROWS = 128;

    /** One conv block: conv k×k (padding k/2, stride 1) → ReLU → max-pool 2×2, on inputs of h × w. */
    private static final class Conv {
        final DenseLayerViews views;
        final int cin;
        final int cout;
        final int k;
        final int h;
        final int w;
        final int patch;          // k·k·cin, the length of one patch row
        final INDArray weights;   // [patch, cout] 'f': row-major [cout, (ky, kx, cin)]
        final INDArray weightGradient;
        final float[] dl4jOrder;  // scratch for permuting between DL4J's [cout, cin, ky, kx] and ours
        final float[] ownOrder;

        Conv(DenseLayerViews views, int k, int h, int w) {
            this.views = views;
            this.k = k;
            this.cin = views.nIn() / (k * k);
            this.cout = views.nOut();
            this.h = h;
            this.w = w;
            this.patch = k * k * cin;
            this.weights = Nd4j.createUninitialized(DataType.FLOAT, new long[] {patch, cout}, 'f');
            this.weightGradient = Nd4j.createUninitialized(DataType.FLOAT, new long[] {patch, cout}, 'f');
            this.dl4jOrder = new float[patch * cout];
            this.ownOrder = new float[patch * cout];
        }

        int pooledH() {
            return h / 2;
        }

        int pooledW() {
            return w / 2;
        }

        /** Copies DL4J's weights into the patch order of {@link #weights}. */
        void loadWeights() {
            OpenBlasMatrices.load(views.w(), dl4jOrder);
            for (int co = 0; co < cout; co++) {
                for (int ci = 0; ci < cin; ci++) {
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            ownOrder[co * patch + (ky * k + kx) * cin + ci] = dl4jOrder[((co * cin + ci) * k + ky) * k + kx];
                        }
                    }
                }
            }
            OpenBlasMatrices.store(ownOrder, weights);
        }

        /** Copies {@link #weightGradient} into DL4J's gradient slot in its order. */
        void storeWeightGradient() {
            OpenBlasMatrices.load(weightGradient, ownOrder);
            for (int co = 0; co < cout; co++) {
                for (int ci = 0; ci < cin; ci++) {
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            dl4jOrder[((co * cin + ci) * k + ky) * k + kx] = ownOrder[co * patch + (ky * k + kx) * cin + ci];
                        }
                    }
                }
            }
            OpenBlasMatrices.store(dl4jOrder, views.dw());
        }
    }

    /** The buffers of one conv block for one batch size. */
    private static final class ConvBuffers {
        final float[] padded;       // input, channels last, zero border of k/2 [B, h+2p, w+2p, cin]
        final float[] dPadded;      // its gradient (not for the first block)
        final float[] patches;      // [B·h·w, patch]
        final INDArray patchMatrix;
        final INDArray z;           // [B·h·w, cout]
        final float[] act;          // the conv's output before ReLU, channels last [B, h, w, cout]
        final float[] pooled;       // [B, h/2, w/2, cout]
        final INDArray dz;
        final INDArray dPatchMatrix; // null for the first block: no gradient w.r.t. the input is needed
        final float[] dAct;

        ConvBuffers(Conv c, int batch, boolean first) {
            int p = c.k / 2;
            int positions = batch * c.h * c.w;
            padded = new float[batch * (c.h + 2 * p) * (c.w + 2 * p) * c.cin];
            dPadded = first ? null : new float[padded.length];
            patches = new float[positions * c.patch];
            patchMatrix = Nd4j.createUninitialized(DataType.FLOAT, positions, c.patch);
            z = Nd4j.createUninitialized(DataType.FLOAT, positions, c.cout);
            act = new float[positions * c.cout];
            pooled = new float[batch * c.pooledH() * c.pooledW() * c.cout];
            dz = Nd4j.createUninitialized(DataType.FLOAT, positions, c.cout);
            dPatchMatrix = first ? null : Nd4j.createUninitialized(DataType.FLOAT, positions, c.patch);
            dAct = new float[positions * c.cout];
        }
    }

    /** Every buffer of one batch size. */
    private static final class Buffers {
        final int batch;
        final float[] input;
        final ConvBuffers[] convs;
        final float[] flat;
        final INDArray flatMatrix;
        final INDArray dFlatMatrix;
        final INDArray[] z;
        final INDArray[] a;
        final INDArray[] delta;
        final float[][] act;
        final INDArray logits;
        final INDArray outputDelta;
        final float[] scratch;
        final float[] out;

        Buffers(int batch, ImageShape image, List<Conv> convs, int flatWidth, List<DenseLayerViews> hidden,
                DenseLayerViews output) {
            this.batch = batch;
            input = new float[batch * image.size()];
            this.convs = new ConvBuffers[convs.size()];
            for (int i = 0; i < convs.size(); i++) {
                this.convs[i] = new ConvBuffers(convs.get(i), batch, i == 0);
            }
            flat = new float[batch * flatWidth];
            flatMatrix = Nd4j.createUninitialized(DataType.FLOAT, batch, flatWidth);
            dFlatMatrix = Nd4j.createUninitialized(DataType.FLOAT, batch, flatWidth);
            int layers = hidden.size();
            z = new INDArray[layers];
            a = new INDArray[layers];
            delta = new INDArray[layers];
            act = new float[layers][];
            int widest = Math.max(output.nOut(), flatWidth);
            for (int i = 0; i < layers; i++) {
                int n = hidden.get(i).nOut();
                widest = Math.max(widest, n);
                z[i] = Nd4j.createUninitialized(DataType.FLOAT, batch, n);
                a[i] = Nd4j.createUninitialized(DataType.FLOAT, batch, n);
                delta[i] = Nd4j.createUninitialized(DataType.FLOAT, batch, n);
                act[i] = new float[batch * n];
            }
            logits = Nd4j.createUninitialized(DataType.FLOAT, batch, output.nOut());
            outputDelta = Nd4j.createUninitialized(DataType.FLOAT, batch, output.nOut());
            scratch = new float[batch * widest];
            out = new float[batch * output.nOut()];
        }
    }

    private final ImageShape image;
    private final List<Conv> convs = new ArrayList<>();
    private final List<DenseLayerViews> hidden = new ArrayList<>();
    private final DenseLayerViews output;
    private final int flatWidth;
    private final BuffersBySize<Buffers> buffers;
    private final OpenBlasMatrices blas = new OpenBlasMatrices();

    private CnnPasses(CnnSpec spec, ImageShape image, ParameterLayout layout, INDArray params, INDArray grads) {
        this.image = image;
        DenseLayerViews out = null;
        int h = image.height();
        int w = image.width();
        for (Map.Entry<String, Map<String, ParameterBlock>> e : DenseLayerViews.blocksByLayer(layout).entrySet()) {
            String layer = e.getKey();
            Map<String, ParameterBlock> p = e.getValue();
            if (!p.containsKey("W") || !p.containsKey("b") || p.size() != 2) {
                throw new IllegalStateException("unexpected parameters " + p.keySet() + " in layer " + layer);
            }
            if (layer.startsWith("conv")) {
                Conv c = new Conv(DenseLayerViews.conv(layer, p, params, grads), spec.kernel(), h, w);
                convs.add(c);
                h = c.pooledH();
                w = c.pooledW();
            } else if (layer.equals(NetworkBuilder.OUTPUT)) {
                out = DenseLayerViews.dense(layer, p, params, grads);
            } else {
                hidden.add(DenseLayerViews.dense(layer, p, params, grads));
            }
        }
        if (out == null || convs.size() != spec.channels().size() || hidden.size() != spec.denseWidths().size()) {
            throw new IllegalStateException("the graph's layers do not match " + spec.describe());
        }
        this.output = out;
        Conv last = convs.get(convs.size() - 1);
        this.flatWidth = last.cout * last.pooledH() * last.pooledW();
        int in = image.channels();
        for (int i = 0; i < convs.size(); i++) {
            Conv c = convs.get(i);
            if (c.cin != in || c.cout != spec.channels().get(i) || c.cin * c.k * c.k != c.views.nIn()) {
                throw new IllegalStateException("conv block " + i + " of the graph does not match " + spec.describe());
            }
            in = c.cout;
        }
        int width = flatWidth;
        for (DenseLayerViews d : hidden) {
            if (d.nIn() != width) {
                throw new IllegalStateException("dense layer " + d.name() + " of the graph does not match "
                    + spec.describe());
            }
            width = d.nOut();
        }
        if (output.nIn() != width) {
            throw new IllegalStateException("the output layer of the graph does not match " + spec.describe());
        }
        int flat = flatWidth;
        this.buffers = new BuffersBySize<>(3, batch -> new Buffers(batch, image, convs, flat, hidden, output));
    }

    /** The passes for {@code spec}'s graph, or null where they do not apply (not a CNN, not OpenBLAS). */
    static CnnPasses forNetwork(NetworkSpec spec, ParameterLayout layout, INDArray params, INDArray grads) {
        if (!(spec.architecture() instanceof CnnSpec cnn) || spec.imageShape() == null
            || !OpenBlasMatrices.available()) {
            return null;
        }
        return new CnnPasses(cnn, spec.imageShape(), layout, params, grads);
    }

    /**
     * A training step's passes: forward, mean softmax cross-entropy, backward into the gradient vector (of
     * the mean over the batch).
     *
     * @return the mean loss and the number of misclassified rows
     */
    @Override
    public Dl4jNetwork.BatchResult computeGradient(INDArray features, int[] labelIndices) {
        int batch = (int) features.size(0);
        Buffers buf = buffers.of(batch);
        forward(features, buf);
        float[] p = buf.out;
        OpenBlasMatrices.load(buf.logits, p);
        Dl4jNetwork.BatchResult result = SoftmaxCrossEntropy.lossAndGradient(p, labelIndices, batch, output.nOut());
        OpenBlasMatrices.store(p, buf.outputDelta);
        backward(buf);
        return result;
    }

    @Override
    public INDArray predict(INDArray features) {
        return OwnPasses.predictInChunks(features, MAX_ROWS, output.nOut(), (chunk, logits) -> {
            Buffers buf = buffers.of((int) chunk.size(0));
            forward(chunk, buf);
            OpenBlasMatrices.load(buf.logits, logits);
        });
    }

    /** A CNN has no BatchNorm: there are no BatchNorm inputs to give. */
    @Override
    public INDArray[] trainingActivations(List<String> layers, INDArray features) {
        throw new UnsupportedOperationException("the CNN has no BatchNorm layers " + layers);
    }

    private void forward(INDArray features, Buffers buf) {
        int batch = buf.batch;
        INDArray rows = OpenBlasMatrices.denseRows(features);
        OpenBlasMatrices.load(rows, buf.input);
        for (int i = 0; i < convs.size(); i++) {
            Conv c = convs.get(i);
            ConvBuffers cb = buf.convs[i];
            float[] previous = i == 0 ? buf.input : buf.convs[i - 1].pooled;
            boolean first = i == 0;
            ImageRanges.run(batch, (from, to) -> {
                if (first) {
                    padChannelsFirst(previous, from, to, c, cb.padded);
                } else {
                    pad(previous, from, to, c, cb.padded);
                }
                im2col(cb.padded, from, to, c, cb.patches);
            });
            OpenBlasMatrices.store(cb.patches, cb.patchMatrix);
            c.loadWeights();
            blas.affine(cb.patchMatrix, c.weights, c.views.b(), cb.z);
            OpenBlasMatrices.load(cb.z, cb.act);
            ImageRanges.run(batch, (from, to) -> reluMaxPool(cb.act, from, to, c, cb.pooled));
        }
        Conv last = convs.get(convs.size() - 1);
        float[] lastPooled = buf.convs[convs.size() - 1].pooled;
        ImageRanges.run(batch, (from, to) -> flattenChannelsFirst(lastPooled, from, to, last, buf.flat));
        OpenBlasMatrices.store(buf.flat, buf.flatMatrix);
        INDArray in = buf.flatMatrix;
        for (int i = 0; i < hidden.size(); i++) {
            DenseLayerViews d = hidden.get(i);
            blas.affine(in, d.w(), d.b(), buf.z[i]);
            float[] act = buf.act[i];
            OpenBlasMatrices.load(buf.z[i], act);
            Relu.forward(act, act.length);
            OpenBlasMatrices.store(act, buf.a[i]);
            in = buf.a[i];
        }
        blas.affine(in, output.w(), output.b(), buf.logits);
    }

    private void backward(Buffers buf) {
        int batch = buf.batch;
        int last = hidden.size() - 1;
        INDArray top = last >= 0 ? buf.a[last] : buf.flatMatrix;
        blas.weightGradient(top, buf.outputDelta, output.dw());
        blas.biasGradient(buf.outputDelta, output.db());
        INDArray delta = buf.outputDelta;
        INDArray weights = output.w();
        for (int i = last; i >= 0; i--) {
            DenseLayerViews d = hidden.get(i);
            blas.inputGradient(delta, weights, buf.delta[i]);
            float[] g = buf.scratch;
            OpenBlasMatrices.load(buf.delta[i], g);
            Relu.backward(g, buf.act[i], buf.act[i].length);
            OpenBlasMatrices.store(g, buf.delta[i]);
            INDArray below = i > 0 ? buf.a[i - 1] : buf.flatMatrix;
            blas.weightGradient(below, buf.delta[i], d.dw());
            blas.biasGradient(buf.delta[i], d.db());
            delta = buf.delta[i];
            weights = d.w();
        }
        blas.inputGradient(delta, weights, buf.dFlatMatrix);
        float[] g = buf.scratch;
        OpenBlasMatrices.load(buf.dFlatMatrix, g);
        for (int i = convs.size() - 1; i >= 0; i--) {
            Conv c = convs.get(i);
            ConvBuffers cb = buf.convs[i];
            boolean lastBlock = i == convs.size() - 1;
            Conv nextConv = lastBlock ? null : convs.get(i + 1);
            ConvBuffers next = lastBlock ? null : buf.convs[i + 1];
            int perImage = c.h * c.w * c.cout;
            ImageRanges.run(batch, (from, to) -> {
                Arrays.fill(cb.dAct, from * perImage, to * perImage, 0f);
                if (lastBlock) {
                    unpoolChannelsFirst(g, from, to, c, cb.act, cb.pooled, cb.dAct);
                } else {
                    unpool(next, from, to, nextConv, c, cb.act, cb.pooled, cb.dAct);
                }
            });
            OpenBlasMatrices.store(cb.dAct, cb.dz);
            blas.weightGradient(cb.patchMatrix, cb.dz, c.weightGradient);
            c.storeWeightGradient();
            blas.biasGradient(cb.dz, c.views.db());
            if (i > 0) {
                blas.inputGradient(cb.dz, c.weights, cb.dPatchMatrix);
                // the patch gradient lands in the patch buffer: the forward pass no longer needs it
                OpenBlasMatrices.load(cb.dPatchMatrix, cb.patches);
                int padded = cb.dPadded.length / batch;
                ImageRanges.run(batch, (from, to) -> {
                    Arrays.fill(cb.dPadded, from * padded, to * padded, 0f);
                    col2im(cb.patches, from, to, c, cb.dPadded);
                });
            }
        }
    }

    /** NCHW rows (as the features and DL4J's conv input come) into the channels-last padded buffer. */
    private static void padChannelsFirst(float[] input, int from, int to, Conv c, float[] padded) {
        int p = c.k / 2;
        int ph = c.h + 2 * p;
        int pw = c.w + 2 * p;
        int plane = c.h * c.w;
        for (int b = from; b < to; b++) {
            int src = b * c.cin * plane;
            for (int y = 0; y < c.h; y++) {
                for (int x = 0; x < c.w; x++) {
                    int dst = ((b * ph + y + p) * pw + x + p) * c.cin;
                    for (int ch = 0; ch < c.cin; ch++) {
                        padded[dst + ch] = input[src + ch * plane + y * c.w + x];
                    }
                }
            }
        }
    }

    /** The previous block's pooled output (channels last) into this block's padded buffer. */
    private static void pad(float[] pooled, int from, int to, Conv c, float[] padded) {
        int p = c.k / 2;
        int ph = c.h + 2 * p;
        int pw = c.w + 2 * p;
        int run = c.w * c.cin;
        for (int b = from; b < to; b++) {
            for (int y = 0; y < c.h; y++) {
                System.arraycopy(pooled, (b * c.h + y) * run, padded, ((b * ph + y + p) * pw + p) * c.cin, run);
            }
        }
    }

    /** One row per output position (b, y, x), holding its k×k×cin window in (ky, kx, cin) order. */
    private static void im2col(float[] padded, int from, int to, Conv c, float[] patches) {
        int p = c.k / 2;
        int ph = c.h + 2 * p;
        int pw = c.w + 2 * p;
        int run = c.k * c.cin;
        int row = from * c.h * c.w;
        for (int b = from; b < to; b++) {
            for (int y = 0; y < c.h; y++) {
                for (int x = 0; x < c.w; x++) {
                    int dst = row * c.patch;
                    for (int ky = 0; ky < c.k; ky++) {
                        int src = ((b * ph + y + ky) * pw + x) * c.cin;
                        int at = dst + ky * run;
                        if (run < 16) {
                            // a call per few values costs more than the copy
                            for (int j = 0; j < run; j++) {
                                patches[at + j] = padded[src + j];
                            }
                        } else {
                            System.arraycopy(padded, src, patches, at, run);
                        }
                    }
                    row++;
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: adds every patch row's values back onto the padded input. */
    private static void col2im(float[] patches, int from, int to, Conv c, float[] padded) {
        int p = c.k / 2;
        int ph = c.h + 2 * p;
        int pw = c.w + 2 * p;
        int run = c.k * c.cin;
        int row = from * c.h * c.w;
        for (int b = from; b < to; b++) {
            for (int y = 0; y < c.h; y++) {
                for (int x = 0; x < c.w; x++) {
                    int src = row * c.patch;
                    for (int ky = 0; ky < c.k; ky++) {
                        int dst = ((b * ph + y + ky) * pw + x) * c.cin;
                        int start = src + ky * run;
                        for (int j = 0; j < run; j++) {
                            padded[dst + j] += patches[start + j];
                        }
                    }
                    row++;
                }
            }
        }
    }

    /**
     * ReLU and 2×2 max-pooling with stride 2, channels last, as max-pool then ReLU (the same values, a
     * quarter of the ReLUs). Branch-free, so that the compiler vectorises it over the channels; the
     * backward pass finds each window's maximum again ({@link #routeToMaximum}).
     */
    private static void reluMaxPool(float[] z, int from, int to, Conv c, float[] pooled) {
        int oh = c.pooledH();
        int ow = c.pooledW();
        int co = c.cout;
        int rowRun = c.w * co;
        int out = from * oh * ow * co;
        for (int b = from; b < to; b++) {
            for (int yo = 0; yo < oh; yo++) {
                int top = (b * c.h + 2 * yo) * rowRun;
                int bottom = top + rowRun;
                for (int xo = 0; xo < ow; xo++) {
                    int left = 2 * xo * co;
                    int right = left + co;
                    for (int ch = 0; ch < co; ch++) {
                        float m = Math.max(Math.max(z[top + left + ch], z[top + right + ch]),
                            Math.max(z[bottom + left + ch], z[bottom + right + ch]));
                        pooled[out + ch] = Math.max(m, 0f);
                    }
                    out += co;
                }
            }
        }
    }

    /**
     * The index in the conv output {@code z} of the first maximum of the pooling window of pooled value
     * {@code index} (window order: top-left, top-right, bottom-left, bottom-right), or −1 when the pooled
     * value is 0 (the ReLU's derivative there is 0 and no gradient passes).
     */
    private static int routeToMaximum(float[] z, float[] pooled, int index, Conv c) {
        float v = pooled[index];
        if (v <= 0) {
            return -1;
        }
        int co = c.cout;
        int ow = c.pooledW();
        int ch = index % co;
        int cell = index / co;
        int xo = cell % ow;
        int rest = cell / ow;
        int yo = rest % c.pooledH();
        int b = rest / c.pooledH();
        int topLeft = ((b * c.h + 2 * yo) * c.w + 2 * xo) * co + ch;
        int down = c.w * co;
        if (z[topLeft] == v) {
            return topLeft;
        }
        if (z[topLeft + co] == v) {
            return topLeft + co;
        }
        if (z[topLeft + down] == v) {
            return topLeft + down;
        }
        return topLeft + down + co;
    }

    /** The last block's pooled output (channels last) as DL4J's flattened NCHW rows for the dense layers. */
    private static void flattenChannelsFirst(float[] pooled, int from, int to, Conv c, float[] flat) {
        int oh = c.pooledH();
        int ow = c.pooledW();
        int plane = oh * ow;
        int width = c.cout * plane;
        int src = from * plane * c.cout;
        for (int b = from; b < to; b++) {
            for (int pos = 0; pos < plane; pos++) {
                for (int ch = 0; ch < c.cout; ch++) {
                    flat[b * width + ch * plane + pos] = pooled[src++];
                }
            }
        }
    }

    /** The gradient at the flattened NCHW rows, routed to each window's maximum. */
    private static void unpoolChannelsFirst(float[] dFlat, int from, int to, Conv c, float[] z, float[] pooled,
            float[] dAct) {
        int plane = c.pooledH() * c.pooledW();
        int width = c.cout * plane;
        int idx = from * plane * c.cout;
        for (int b = from; b < to; b++) {
            for (int pos = 0; pos < plane; pos++) {
                for (int ch = 0; ch < c.cout; ch++) {
                    int at = routeToMaximum(z, pooled, idx++, c);
                    if (at >= 0) {
                        dAct[at] = dFlat[b * width + ch * plane + pos];
                    }
                }
            }
        }
    }

    /** The gradient at the next block's padded input (its interior is this block's pooled output), routed. */
    private static void unpool(ConvBuffers next, int from, int to, Conv nextConv, Conv c, float[] z, float[] pooled,
            float[] dAct) {
        int p = nextConv.k / 2;
        int ph = nextConv.h + 2 * p;
        int pw = nextConv.w + 2 * p;
        int idx = from * nextConv.h * nextConv.w * nextConv.cin;
        for (int b = from; b < to; b++) {
            for (int y = 0; y < nextConv.h; y++) {
                int src = ((b * ph + y + p) * pw + p) * nextConv.cin;
                for (int j = 0; j < nextConv.w * nextConv.cin; j++) {
                    int at = routeToMaximum(z, pooled, idx++, c);
                    if (at >= 0) {
                        dAct[at] = next.dPadded[src + j];
                    }
                }
            }
        }
    }
}

package org.modeconn.engine.network.kernels;

import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float matrices in ND4J's CPU memory as a dense layer's passes need them: the four products of a layer
 * (weights W [nIn, nOut] in Deeplearning4j's 'f' order, batches [B, n] row-major) as direct OpenBLAS
 * calls, and bulk copies to and from Java arrays for the element-wise work. ND4J's generic operations
 * cost 80–400 µs each on a [128, 256] batch (shape checks, result allocation, reductions along the batch
 * axis); the products here cost only the BLAS call and a Java loop does the rest in about 20 µs. A
 * 'f'-order W read row-major is Wᵀ [nOut, nIn] with leading dimension nIn.
 */
public final class OpenBlasMatrices {

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private INDArray ones = Nd4j.ones(DataType.FLOAT, 1, 128);

    /** Whether ND4J runs on OpenBLAS in CPU memory here (not on CUDA, not on another BLAS). */
    public static boolean available() {
        try {
            return Nd4j.factory().blas().getBlasVendor() == Blas.Vendor.OPENBLAS
                && org.bytedeco.openblas.global.openblas_nolapack.class != null;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** z = a·W + b (b added to every row; none where b is null). */
    public void affine(INDArray a, INDArray w, INDArray b, INDArray z) {
        INDArray in = denseRows(a);
        int rows = (int) in.size(0);
        int nIn = (int) in.size(1);
        int nOut = (int) z.size(1);
        checkRowMajor(z);
        // z = 1·b (every row), then z += a·W; without a bias (null), z = a·W
        if (b != null) {
            cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, rows, nOut, 1, 1f, pointer(ones(rows)), 1, pointer(b), nOut,
                0f, pointer(z), nOut);
        }
        cblas_sgemm(ROW_MAJOR, NO_TRANS, TRANS, rows, nOut, nIn, 1f, pointer(in), nIn, pointer(w), nIn,
            b != null ? 1f : 0f, pointer(z), nOut);
    }

    /** dW = aᵀ·dz. */
    public void weightGradient(INDArray a, INDArray dz, INDArray dw) {
        INDArray in = denseRows(a);
        checkRowMajor(dz);
        int rows = (int) in.size(0);
        int nIn = (int) in.size(1);
        int nOut = (int) dz.size(1);
        // dWᵀ [nOut, nIn] (row-major view of the 'f' dW) = dzᵀ·a
        cblas_sgemm(ROW_MAJOR, TRANS, NO_TRANS, nOut, nIn, rows, 1f, pointer(dz), nOut, pointer(in), nIn, 0f,
            pointer(dw), nIn);
    }

    /** da = dz·Wᵀ. */
    public void inputGradient(INDArray dz, INDArray w, INDArray da) {
        checkRowMajor(dz);
        checkRowMajor(da);
        int rows = (int) dz.size(0);
        int nOut = (int) dz.size(1);
        int nIn = (int) da.size(1);
        cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, rows, nIn, nOut, 1f, pointer(dz), nOut, pointer(w), nIn, 0f,
            pointer(da), nIn);
    }

    /** db = the column sums of dz. */
    public void biasGradient(INDArray dz, INDArray db) {
        checkRowMajor(dz);
        int rows = (int) dz.size(0);
        int nOut = (int) dz.size(1);
        cblas_sgemv(ROW_MAJOR, TRANS, rows, nOut, 1f, pointer(dz), nOut, pointer(ones(rows)), 1, 0f, pointer(db), 1);
    }

    private INDArray ones(int rows) {
        if (ones.length() < rows) {
            ones = Nd4j.ones(DataType.FLOAT, 1, rows);
        }
        return ones;
    }

    /** The array itself when it is a dense row-major float matrix, else such a copy. */
    public static INDArray denseRows(INDArray m) {
        if (isRowMajor(m)) {
            return m;
        }
        return m.castTo(DataType.FLOAT).dup('c');
    }

    private static boolean isRowMajor(INDArray m) {
        // ND4J gives a single row the stride [1, 1]: its row stride is never used
        return m.dataType() == DataType.FLOAT && m.rank() == 2 && m.stride(1) == 1
            && (m.stride(0) == m.size(1) || m.size(0) == 1);
    }

    private static void checkRowMajor(INDArray m) {
        if (!isRowMajor(m)) {
            throw new IllegalArgumentException("expected a dense row-major float matrix, got " + m.shapeInfoToString());
        }
    }

    /** Copies a dense array's values in memory order (row-major for 'c' matrices) into {@code into}. */
    public static void load(INDArray from, float[] into) {
        checkDense(from);
        pointer(from).get(into, 0, (int) from.length());
    }

    /** Copies {@code values} into a dense array in memory order (row-major for 'c' matrices). */
    public static void store(float[] values, INDArray into) {
        checkDense(into);
        pointer(into).put(values, 0, (int) into.length());
    }

    private static void checkDense(INDArray m) {
        boolean vector = m.rank() == 2 && m.size(0) == 1 && m.stride(1) == 1;
        boolean columnMajor = m.rank() == 2 && m.stride(0) == 1 && m.stride(1) == m.size(0);
        if (m.dataType() != DataType.FLOAT || !(vector || columnMajor || isRowMajor(m))) {
            throw new IllegalArgumentException("expected a dense float array, got " + m.shapeInfoToString());
        }
    }

    private static FloatPointer pointer(INDArray m) {
        // ND4J's buffer of a view already starts at the view's first element.
        return new FloatPointer(m.data().addressPointer());
    }
}

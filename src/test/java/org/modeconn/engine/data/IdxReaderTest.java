package org.modeconn.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.engine.InvalidInputException;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void embeddedDataHasTheDocumentedSplitAndPixelRange() {
        Dataset train = EmbeddedMnist.train();
        Dataset test = EmbeddedMnist.test();
        assertThat(train.numExamples()).isEqualTo(8004);
        assertThat(test.numExamples()).isEqualTo(1996);
        assertThat(train.numFeatures()).isEqualTo(784);
        assertThat(train.imageShape()).contains(new ImageShape(1, 28, 28));
        assertThat(train.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(train.isPixelData()).isTrue();
        float max = 0;
        for (float v : train.rawFeatures()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(255f);
        // stratified: every class has 20% of its examples in the test split (to within rounding)
        int[] tr = train.classCounts();
        int[] te = test.classCounts();
        for (int c = 0; c < 10; c++) {
            assertThat(te[c] / (double) (tr[c] + te[c])).isBetween(0.19, 0.21);
        }
    }

    @Test
    void readsAFolderOfPlainAndGzippedFiles() throws IOException {
        writeIdx(dir.resolve("train-images-idx3-ubyte"), images(3, 2, 2), false);
        writeIdx(dir.resolve("train-labels-idx1-ubyte.gz"), labels(new byte[] {1, 0, 2}), true);
        Dataset d = IdxReader.readFolder(dir, IdxReader.Split.TRAIN);
        assertThat(d.numExamples()).isEqualTo(3);
        assertThat(d.numFeatures()).isEqualTo(4);
        assertThat(d.labels()).containsExactly(1, 0, 2);
        assertThat(Arrays.copyOf(d.rawFeatures(), 4)).containsExactly(0f, 1f, 2f, 3f);
    }

    @Test
    void refusesSwappedFilesByTheirMagicNumber() throws IOException {
        writeIdx(dir.resolve("train-images-idx3-ubyte"), labels(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}), false);
        writeIdx(dir.resolve("train-labels-idx1-ubyte"), images(2, 2, 2), false);
        assertThatThrownBy(() -> IdxReader.readFolder(dir, IdxReader.Split.TRAIN))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining("magic number 2049")
            .hasMessageContaining("swapped");
    }

    @Test
    void refusesTruncatedImages() throws IOException {
        byte[] full = images(3, 2, 2);
        writeIdx(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 1), false);
        writeIdx(dir.resolve("train-labels-idx1-ubyte"), labels(new byte[] {1, 0, 2}), false);
        assertThatThrownBy(() -> IdxReader.readFolder(dir, IdxReader.Split.TRAIN))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("declares 12 data bytes but holds 11")
            .hasMessageContaining("truncated");
    }

    @Test
    void refusesAnEmptyFileAndAMissingFolderWithTheFix() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[0]);
        writeIdx(dir.resolve("train-labels-idx1-ubyte"), labels(new byte[] {1}), false);
        assertThatThrownBy(() -> IdxReader.readFolder(dir, IdxReader.Split.TRAIN))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> IdxReader.readFolder(dir.resolve("nowhere"), IdxReader.Split.TRAIN))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a folder of IDX files");
        assertThatThrownBy(() -> IdxReader.readFolder(dir, IdxReader.Split.TEST))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("t10k-images-idx3-ubyte");
    }

    @Test
    void refusesImageAndLabelCountsThatDiffer() throws IOException {
        writeIdx(dir.resolve("train-images-idx3-ubyte"), images(3, 2, 2), false);
        writeIdx(dir.resolve("train-labels-idx1-ubyte"), labels(new byte[] {1, 0}), false);
        assertThatThrownBy(() -> IdxReader.readFolder(dir, IdxReader.Split.TRAIN))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("has 3 images")
            .hasMessageContaining("2 labels");
    }

    static byte[] images(int n, int h, int w) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * h * w);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(n).putInt(h).putInt(w);
        for (int i = 0; i < n * h * w; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    static byte[] labels(byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 + values.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(values.length).put(values);
        return b.array();
    }

    static void writeIdx(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }
}

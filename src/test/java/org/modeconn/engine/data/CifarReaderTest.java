package org.modeconn.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.engine.InvalidInputException;

class CifarReaderTest {

    private static final int PIXELS = 3 * 32 * 32;

    /** Records whose pixel k of record r is (r * 7 + k) mod 256, with the given label bytes before them. */
    private static byte[] records(int firstRecord, int[][] labelBytes) {
        int size = labelBytes[0].length + PIXELS;
        byte[] out = new byte[labelBytes.length * size];
        for (int r = 0; r < labelBytes.length; r++) {
            for (int b = 0; b < labelBytes[r].length; b++) {
                out[r * size + b] = (byte) labelBytes[r][b];
            }
            for (int k = 0; k < PIXELS; k++) {
                out[r * size + labelBytes[r].length + k] = (byte) (((firstRecord + r) * 7 + k) % 256);
            }
        }
        return out;
    }

    private static void cifar10(Path dir) throws IOException {
        for (int i = 1; i <= 5; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), records((i - 1) * 2, new int[][] {{i}, {9 - i}}));
        }
        Files.write(dir.resolve("test_batch.bin"), records(100, new int[][] {{3}, {0}, {9}}));
        Files.writeString(dir.resolve("batches.meta.txt"),
            "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
    }

    @Test
    void aCifar10FolderIsReadWithItsLabelsPixelsShapeAndClassNames(@TempDir Path dir) throws IOException {
        cifar10(dir);
        assertThat(CifarReader.isCifarFolder(dir)).isTrue();
        Dataset train = CifarReader.readFolder(dir, IdxReader.Split.TRAIN);
        assertThat(train.numExamples()).isEqualTo(10);
        assertThat(train.labels()).containsExactly(1, 8, 2, 7, 3, 6, 4, 5, 5, 4);
        assertThat(train.imageShape()).contains(new ImageShape(3, 32, 32));
        assertThat(train.classNames()).hasSize(10).startsWith("airplane", "automobile").endsWith("truck");
        assertThat(train.isPixelData()).isTrue();
        float[] x = train.rawFeatures();
        // record 3 (the second of data_batch_2): channel-major, green channel's first pixel is value 1024
        assertThat(x[3 * PIXELS + 1024]).isEqualTo((3 * 7 + 1024) % 256);
        assertThat(x[9 * PIXELS + PIXELS - 1]).isEqualTo((9 * 7 + PIXELS - 1) % 256);
        assertThat(train.featureNames().get(1024)).isEqualTo("green_0_0");

        Dataset test = CifarReader.readFolder(dir, IdxReader.Split.TEST);
        assertThat(test.labels()).containsExactly(3, 0, 9);
        assertThat(test.rawFeatures()[2 * PIXELS + 5]).isEqualTo((102 * 7 + 5) % 256);
    }

    @Test
    void aCifar100FolderUsesTheFineLabels(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("train.bin"), records(0, new int[][] {{19, 99}, {0, 42}, {7, 0}}));
        Files.write(dir.resolve("test.bin"), records(0, new int[][] {{1, 57}}));
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 100; c++) {
            names.add("class" + c);
        }
        Files.write(dir.resolve("fine_label_names.txt"), names);
        Dataset train = CifarReader.readFolder(dir, IdxReader.Split.TRAIN);
        assertThat(train.labels()).containsExactly(99, 42, 0);
        assertThat(train.classNames()).hasSize(100).contains("class42");
        assertThat(train.rawFeatures()[PIXELS + 10]).isEqualTo((7 + 10) % 256);
        assertThat(CifarReader.readFolder(dir, IdxReader.Split.TEST).labels()).containsExactly(57);
    }

    @Test
    void withoutANamesFileTheClassesAreNumbered(@TempDir Path dir) throws IOException {
        cifar10(dir);
        Files.delete(dir.resolve("batches.meta.txt"));
        assertThat(CifarReader.readFolder(dir, IdxReader.Split.TEST).classNames())
            .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void aTruncatedFileIsRefusedNamingFileAndRecord(@TempDir Path dir) throws IOException {
        cifar10(dir);
        byte[] whole = Files.readAllBytes(dir.resolve("data_batch_3.bin"));
        Files.write(dir.resolve("data_batch_3.bin"), java.util.Arrays.copyOf(whole, whole.length - 100));
        assertThatThrownBy(() -> CifarReader.readFolder(dir, IdxReader.Split.TRAIN))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("data_batch_3.bin").hasMessageContaining("record 2")
            .hasMessageContaining("2973 of its 3073 bytes");
    }

    @Test
    void aLabelOutOfRangeOrAMissingBatchIsRefusedWithTheFix(@TempDir Path dir) throws IOException {
        cifar10(dir);
        Files.write(dir.resolve("test_batch.bin"), records(0, new int[][] {{3}, {12}}));
        assertThatThrownBy(() -> CifarReader.readFolder(dir, IdxReader.Split.TEST))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("label 12 in record 2").hasMessageContaining("10 classes");
        Files.delete(dir.resolve("data_batch_4.bin"));
        assertThatThrownBy(() -> CifarReader.readFolder(dir, IdxReader.Split.TRAIN))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no data_batch_4.bin");
    }

    @Test
    void anIdxFolderIsNotTakenForCifar(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[16]);
        assertThat(CifarReader.isCifarFolder(dir)).isFalse();
    }
}

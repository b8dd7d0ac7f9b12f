package org.modeconn.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;

class DatasetTest {

    private static Dataset small(List<String> classes, int[] labels) {
        float[] x = new float[labels.length * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Dataset("small", x, 2, labels, List.of("f1", "f2"), classes, null, false);
    }

    @Test
    void alignsLabelsToAnotherClassOrderByName() {
        Dataset d = small(List.of("b", "c"), new int[] {0, 1, 1});
        Dataset aligned = d.alignClasses(List.of("a", "b", "c"));
        assertThat(aligned.classNames()).containsExactly("a", "b", "c");
        assertThat(aligned.labels()).containsExactly(1, 2, 2);
    }

    @Test
    void refusesLabelsTheNetworkNeverSaw() {
        Dataset d = small(List.of("b", "z"), new int[] {0, 1});
        assertThatThrownBy(() -> d.alignClasses(List.of("a", "b"))).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("[z]").hasMessageContaining("never saw");
    }

    @Test
    void subsetsAndSamplesDeterministically() {
        Dataset d = small(List.of("a", "b"), new int[] {0, 1, 0, 1, 0});
        Dataset s = d.subset(new int[] {4, 1});
        assertThat(s.labels()).containsExactly(0, 1);
        assertThat(s.rawFeatures()).containsExactly(8f, 9f, 2f, 3f);
        assertThat(d.sample(3, 7).rawFeatures()).containsExactly(d.sample(3, 7).rawFeatures());
        assertThat(d.head(2).numExamples()).isEqualTo(2);
    }

    @Test
    void refusesNonFiniteFeaturesNamingRowAndColumnAndAnEmptyTable() {
        float[] x = {1, 2, 3, Float.NaN};
        assertThatThrownBy(() -> new Dataset("d", x, 2, new int[] {0, 1}, List.of("f1", "f2"), List.of("a", "b"), null,
            false)).isInstanceOf(InvalidInputException.class).hasMessageContaining("row 2")
            .hasMessageContaining("'f2'");
        assertThatThrownBy(() -> new Dataset("d", new float[0], 2, new int[0], List.of("f1", "f2"), List.of("a", "b"),
            null, false)).isInstanceOf(InvalidInputException.class).hasMessageContaining("no rows");
    }

    @Test
    void refusesAnImageShapeThatDoesNotFitTheRow() {
        Dataset d = small(List.of("a", "b"), new int[] {0, 1});
        assertThatThrownBy(() -> d.withImageShape(new ImageShape(1, 2, 2))).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("1x2x2").hasMessageContaining("2 features");
        assertThat(ImageShape.parse("3x32x32")).isEqualTo(new ImageShape(3, 32, 32));
        assertThat(ImageShape.parse("1, 28, 28")).isEqualTo(new ImageShape(1, 28, 28));
        assertThatThrownBy(() -> ImageShape.parse("28x28")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void permutationsAreDeterministicAndComplete() {
        int[] p = Shuffle.permutation(1000, 42);
        assertThat(p).containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, 1000).toArray());
        assertThat(Shuffle.permutation(1000, 42)).containsExactly(p);
        assertThat(Shuffle.permutation(1000, 43)).isNotEqualTo(p);
    }

    @Test
    void theFingerprintFollowsEveryValueAndClassNameButNotTheClassOrder() {
        Dataset d = small(List.of("a", "b"), new int[] {0, 1, 0});
        assertThat(d.fingerprint()).hasSize(64).isEqualTo(small(List.of("a", "b"), new int[] {0, 1, 0}).fingerprint());
        assertThat(small(List.of("a", "b"), new int[] {0, 1, 1}).fingerprint()).isNotEqualTo(d.fingerprint());
        assertThat(small(List.of("b", "a"), new int[] {1, 0, 1}).fingerprint()).as("the same rows, classes reordered")
            .isEqualTo(d.fingerprint());
        float[] x = d.rawFeatures().clone();
        x[3] += 1e-6f;
        assertThat(new Dataset("small", x, 2, new int[] {0, 1, 0}, List.of("f1", "f2"), List.of("a", "b"), null, false)
            .fingerprint()).isNotEqualTo(d.fingerprint());
    }
}

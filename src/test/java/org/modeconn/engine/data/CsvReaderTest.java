package org.modeconn.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;

class CsvReaderTest {

    private static Dataset read(String csv) throws IOException {
        return CsvReader.defaults().read(new StringReader(csv), "t.csv");
    }

    @Test
    void readsStringLabelsSortedAndFeaturesInColumnOrder() throws IOException {
        Dataset d = read("a,b,label\n1,2,cat\n3,4.5,dog\n-1,0,cat\n");
        assertThat(d.numExamples()).isEqualTo(3);
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.classNames()).containsExactly("cat", "dog");
        assertThat(d.labels()).containsExactly(0, 1, 0);
        assertThat(d.rawFeatures()).containsExactly(1f, 2f, 3f, 4.5f, -1f, 0f);
        assertThat(d.isPixelData()).isFalse();
    }

    @Test
    void sortsIntegerLabelsNumericallyAndFindsTheLabelColumnByNameOrLastColumn() throws IOException {
        Dataset d = read("Class,x\n10,1\n2,2\n9,3\n");
        assertThat(d.classNames()).containsExactly("2", "9", "10");
        assertThat(d.featureNames()).containsExactly("x");
        Dataset last = read("x,w,outcome\n1,2,5\n3,4,6\n");
        assertThat(last.featureNames()).containsExactly("x", "w");
        Dataset named = new CsvReader("x", null, null).read(new StringReader("x,y,z\n1,2,5\n3,4,6\n"), "t.csv");
        assertThat(named.classNames()).containsExactly("1", "3");
        assertThat(named.featureNames()).containsExactly("y", "z");
    }

    @Test
    void detectsSemicolonsAndTabsAndUnderstandsQuotes() throws IOException {
        Dataset semi = read("a;b;label\n1;2;\"x;y\"\n3;4;z\n");
        assertThat(semi.classNames()).containsExactly("x;y", "z");
        Dataset tab = read("a\tlabel\n1\tq\n");
        assertThat(tab.featureNames()).containsExactly("a");
    }

    @Test
    void namesTheMissingLabelColumnAndListsTheColumns() {
        assertThatThrownBy(() -> new CsvReader("target", null, null).read(new StringReader("a,b\n1,2\n"), "t.csv"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("no column 'target'")
            .hasMessageContaining("[a, b]");
    }

    @Test
    void namesTheNonNumericColumnAndLine() {
        assertThatThrownBy(() -> read("a,b,label\n1,2,x\n3,abc,y\n"))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("Column 'b'").hasMessageContaining("line 3").hasMessageContaining("'abc'")
            .hasMessageContaining("choose it as the label column");
    }

    @Test
    void namesRaggedRowsMissingValuesAndEmptyFiles() {
        assertThatThrownBy(() -> read("a,b,label\n1,2,x\n3,y\n")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("Line 3").hasMessageContaining("2 fields").hasMessageContaining("header has 3");
        assertThatThrownBy(() -> read("a,b,label\n1,,x\n")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("missing value in column 'b'");
        assertThatThrownBy(() -> read("a,b,label\n1,NaN,x\n")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("missing value");
        assertThatThrownBy(() -> read("")).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("a,label\n")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("no data rows");
        assertThatThrownBy(() -> read("label\nx\n")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("only the label column");
        assertThatThrownBy(() -> read("a,label\n1,\n")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("no value in the label column");
    }
}

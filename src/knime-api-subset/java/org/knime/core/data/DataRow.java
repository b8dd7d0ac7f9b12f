package org.knime.core.data;

/** KNIME API subset: a row of cells. */
public interface DataRow extends Iterable<DataCell> {
    int getNumCells();

    RowKey getKey();

    DataCell getCell(int index);
}

package io.orgbase.datajob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellsTest {

    @Test
    void formulasAreNeutralisedAndAnImportRestoresThem() {
        for (String risky : new String[] {"=1+1", "+1", "-Ops", "@SUM(A1)", "\tx", "\rx", "\nx", "\uFF1D1"}) {
            assertThat(Cells.safe(risky)).isEqualTo("'" + risky);
            assertThat(Cells.restored(Cells.safe(risky))).isEqualTo(risky);
        }
        for (String plain : new String[] {"Sales", "", "'quoted", "1-2", "a=b"}) {
            assertThat(Cells.safe(plain)).isEqualTo(plain);
            assertThat(Cells.restored(plain)).isEqualTo(plain);
        }
        assertThat(Cells.safe(null)).isNull();
        assertThat(Cells.restored("'")).isEqualTo("'");
    }
}

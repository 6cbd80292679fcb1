package io.cairn.shard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PersistenceIdEscaperTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "ShardReplica|s3-r0-g1;ShardReplica%7Cs3-r0-g1",
            "plain_id-1;plain_id-1",
            "..;%2E%2E",
            ".hidden;%2Ehidden",
            "a/b\\c;a%2Fb%5Cc",
            "100%;100%25",
            "ä;%C3%A4"})
    void escapesAsDocumented(String pid, String dirName) {
        assertEquals(dirName, PersistenceIdEscaper.escape(pid));
        assertEquals(pid, PersistenceIdEscaper.unescape(dirName));
    }

    @Test
    void randomIdsRoundTripAndStayDistinct() {
        Random rnd = new Random(42);
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + rnd.nextInt(30);
            for (int k = 0; k < len; k++) {
                sb.append((char) (rnd.nextBoolean() ? 32 + rnd.nextInt(95) : rnd.nextInt(0x3000) + 1));
            }
            String pid = sb.toString();
            if (Character.isSurrogate(pid.charAt(pid.length() - 1))) {
                continue;
            }
            String escaped = PersistenceIdEscaper.escape(pid);
            assertEquals(escaped, escaped.replaceAll("[^A-Za-z0-9_%-]", ""), "only safe characters");
            assertEquals(pid, PersistenceIdEscaper.unescape(escaped));
            if (ids.add(pid)) {
                names.add(escaped);
            }
        }
        assertEquals(ids.size(), names.size());
    }

    @Test
    void rejectsEmptyAndTooLongIds() {
        assertThrows(IllegalArgumentException.class, () -> PersistenceIdEscaper.escape(""));
        assertThrows(IllegalArgumentException.class, () -> PersistenceIdEscaper.escape("|".repeat(81)));
        assertThrows(IllegalArgumentException.class, () -> PersistenceIdEscaper.unescape("a%4"));
        assertThrows(IllegalArgumentException.class, () -> PersistenceIdEscaper.unescape("a%ZZ"));
    }
}

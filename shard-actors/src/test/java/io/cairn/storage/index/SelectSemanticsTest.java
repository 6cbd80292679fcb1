package io.cairn.storage.index;

import static io.cairn.storage.index.IndexFixtures.DAY;
import static io.cairn.storage.index.IndexFixtures.T0;
import static io.cairn.storage.index.IndexFixtures.T1;
import static io.cairn.storage.index.IndexFixtures.T2;
import static io.cairn.storage.index.IndexFixtures.eq;
import static io.cairn.storage.index.IndexFixtures.neq;
import static io.cairn.storage.index.IndexFixtures.nre;
import static io.cairn.storage.index.IndexFixtures.re;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matcher semantics of select(), table-style, each case checked against an oracle. */
class SelectSemanticsTest {
    @TempDir
    Path dir;
    private SeriesIndex index;
    private final Map<String, Long> ids = new HashMap<>();
    private final Map<Long, Labels> all = new HashMap<>();

    private static final Object[][] SERIES = {
        {"a", Labels.of("__name__", "up", "job", "api", "instance", "a:1")},
        {"b", Labels.of("__name__", "up", "job", "api", "instance", "b:1", "env", "prod")},
        {"c", Labels.of("__name__", "up", "job", "db", "instance", "c:1", "env", "dev")},
        {"d", Labels.of("__name__", "http_requests_total", "job", "api", "code", "200")},
        {"e", Labels.of("__name__", "http_requests_total", "job", "api", "code", "500")},
        {"f", Labels.of("__name__", "http_requests_total", "job", "db", "code", "404",
                "path", "/a|b")},
        {"g", Labels.of("__name__", "temp", "city", "Zürich", "note", "日本語")},
        {"h", Labels.of("__name__", "temp", "city", "São Paulo", "note", "emoji 😀")},
        {"i", Labels.of("__name__", "foo", "x", "fo")},
        {"j", Labels.of("__name__", "foo", "x", "foo")},
        {"k", Labels.of("__name__", "foo", "x", "foobar")},
        {"l", Labels.of("__name__", "foo", "x", "a.b")},
        {"m", Labels.of("__name__", "foo", "x", "axb")},
        {"n", Labels.of("__name__", "foo", "x", "line1\nline2")},
    };

    /** matchers -> expected series names ("" = none), in the order of SERIES. */
    private static final Object[][] CASES = {
        {List.of(eq("__name__", "up")), "abc"},
        {List.of(eq("job", "api")), "abde"},
        {List.of(eq("job", "nope")), ""},
        {List.of(eq("nolabel", "x")), ""},
        {List.of(eq("__name__", "up"), eq("env", "")), "a"},
        {List.of(eq("__name__", "up"), neq("env", "")), "bc"},
        {List.of(eq("__name__", "up"), neq("env", "prod")), "ac"},
        {List.of(eq("__name__", "up"), re("env", "")), "a"},
        {List.of(eq("__name__", "up"), re("env", ".*")), "abc"},
        {List.of(eq("__name__", "up"), re("env", ".+")), "bc"},
        {List.of(eq("__name__", "up"), nre("env", ".*")), ""},
        {List.of(eq("__name__", "up"), nre("env", ".+")), "a"},
        {List.of(eq("__name__", "up"), nre("env", "prod")), "ac"},
        {List.of(eq("__name__", "up"), re("env", "prod|")), "ab"},
        {List.of(eq("__name__", "up"), re("env", "prod|dev")), "bc"},
        {List.of(re("code", "2..|5..")), "de"},
        {List.of(re("code", "[45].*")), "ef"},
        {List.of(re("__name__", "http_.*")), "def"},
        {List.of(re("__name__", "http_.+")), "def"},
        {List.of(re("__name__", "up.+")), ""},
        {List.of(re("__name__", "up.*")), "abc"},
        {List.of(re("__name__", "u")), ""},
        {List.of(re("x", "fo")), "i"},
        {List.of(re("x", "fo.*")), "ijk"},
        {List.of(re("x", "foo|fo")), "ij"},
        {List.of(re("x", "a\\.b")), "l"},
        {List.of(re("x", "a.b")), "lm"},
        {List.of(re("x", "line1.line2")), "n"},
        {List.of(re("x", "line1.*")), "n"},
        {List.of(re("x", "(?i)FOO")), "j"},
        {List.of(nre("x", "fo.*"), eq("__name__", "foo")), "lmn"},
        {List.of(re("path", "/a\\|b")), "f"},
        {List.of(re("path", "/a|b")), ""},
        {List.of(neq("job", "api")), "cfghijklmn"},
        {List.of(nre("job", "api|db")), "ghijklmn"},
        {List.of(eq("job", "")), "ghijklmn"},
        {List.of(re("job", ".*")), "abcdefghijklmn"},
        {List.of(), "abcdefghijklmn"},
        {List.of(eq("city", "Zürich")), "g"},
        {List.of(re("note", "日本.*")), "g"},
        {List.of(re("note", "emoji .")), "h"},
        {List.of(re("city", "S.o Paulo")), "h"},
        {List.of(eq("job", "api"), eq("job", "db")), ""},
        {List.of(re("job", "api|db"), neq("job", "db")), "abde"},
        {List.of(re("job", "a.*"), re("job", ".*i")), "abde"},
        {List.of(neq("job", "api"), neq("job", "db")), "ghijklmn"},
        {List.of(eq("job", "api"), re("code", "")), "ab"},
        {List.of(eq("nolabel", "")), "abcdefghijklmn"},
        {List.of(neq("nolabel", "")), ""},
        {List.of(nre("nolabel", "x")), "abcdefghijklmn"},
    };

    @BeforeEach
    void setUp() throws Exception {
        index = SeriesIndex.open(dir);
        for (Object[] s : SERIES) {
            long id = index.resolve(T1, (Labels) s[1], T0);
            ids.put((String) s[0], id);
            all.put(id, (Labels) s[1]);
        }
        // Another tenant with the same label sets must never leak in.
        for (Object[] s : SERIES) {
            index.resolve(T2, (Labels) s[1], T0);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        index.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void table() {
        for (Object[] c : CASES) {
            List<LabelMatcher> matchers = (List<LabelMatcher>) c[0];
            String expectedNames = (String) c[1];
            List<Long> expected = new ArrayList<>();
            for (char n : expectedNames.toCharArray()) {
                expected.add(ids.get(String.valueOf(n)));
            }
            expected.sort(null);
            List<Long> got = IndexFixtures.boxed(index.select(T1, matchers, T0, T0 + 1, 1000));
            assertEquals(expected, got, () -> "selector " + matchers);
            assertEquals(IndexFixtures.oracle(all, matchers), got,
                    () -> "oracle disagrees with the table for " + matchers);
        }
    }

    @Test
    void seriesLimit() {
        assertEquals(3, index.select(T1, List.of(eq("__name__", "up")), T0, T0, 3).length);
        assertThrows(SeriesLimitExceededException.class,
                () -> index.select(T1, List.of(eq("__name__", "up")), T0, T0, 2));
        assertThrows(IllegalArgumentException.class,
                () -> index.select(T1, List.of(eq("__name__", "up")), T0, T0, 0));
    }

    @Test
    void unknownTenantAndEmptyRange() {
        assertArrayEquals(new long[0], index.select(new io.cairn.storage.model.Tenant(99, 0),
                List.of(eq("__name__", "up")), T0, T0, 10));
        assertArrayEquals(new long[0], index.select(T1, List.of(eq("__name__", "up")),
                T0 + 5 * DAY, T0 + 6 * DAY, 10));
        assertArrayEquals(new long[0], index.select(T1, List.of(eq("__name__", "up")),
                T0 + 1, T0, 10));
    }

    /** Random selectors over random series, against the brute-force oracle. */
    @Test
    void randomisedAgainstOracle() throws Exception {
        Random rnd = new Random(17);
        String[] names = {"__name__", "a", "b", "c"};
        String[] values = {"x", "y", "xy", "yx", "z", "zz", "ü"};
        Map<Long, Labels> random = new HashMap<>();
        try (SeriesIndex idx = SeriesIndex.open(dir.resolve("random"))) {
            for (int i = 0; i < 400; i++) {
                Labels.Builder b = new Labels.Builder().set("__name__", values[rnd.nextInt(3)]);
                for (int j = 1; j < names.length; j++) {
                    if (rnd.nextInt(3) > 0) {
                        b.set(names[j], values[rnd.nextInt(values.length)]);
                    }
                }
                Labels l = b.build();
                random.put(idx.resolve(T1, l, T0), l);
            }
            String[] patterns = {"x", "x|y", "x.*", ".*y", ".+", ".*", "", "x|", "[xy]+", "z{2}"};
            LabelMatcher.Type[] types = LabelMatcher.Type.values();
            for (int round = 0; round < 500; round++) {
                List<LabelMatcher> ms = new ArrayList<>();
                for (int k = rnd.nextInt(3) + 1; k > 0; k--) {
                    LabelMatcher.Type t = types[rnd.nextInt(types.length)];
                    String name = names[rnd.nextInt(names.length)];
                    String v = t == LabelMatcher.Type.EQ || t == LabelMatcher.Type.NEQ
                            ? (rnd.nextInt(5) == 0 ? "" : values[rnd.nextInt(values.length)])
                            : patterns[rnd.nextInt(patterns.length)];
                    ms.add(LabelMatcher.of(t, name, v));
                }
                assertEquals(IndexFixtures.oracle(random, ms),
                        IndexFixtures.boxed(idx.select(T1, ms, T0, T0, 10_000)),
                        "selector " + ms);
            }
        }
    }
}

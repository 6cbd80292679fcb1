package io.cairn.storage.wal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Helpers shared by the WAL tests: bounded waits, replay capture, log capture. */
final class WalTestSupport {
    static final long TIMEOUT_SECONDS = 30;

    private WalTestSupport() {
    }

    /** A replayed record: position and a copy of the payload. */
    record Replayed(long position, byte[] payload) {
    }

    static long await(CompletionStage<Long> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("WAL acknowledgement did not arrive: " + e, e);
        }
    }

    static List<Replayed> replayAll(ReplicaWal wal, long after) throws IOException {
        List<Replayed> out = new ArrayList<>();
        wal.replay(after, (position, buffer, offset, length) -> {
            byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            out.add(new Replayed(position, copy));
        });
        return out;
    }

    static byte[] payload(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    /** Captures WARN and ERROR events of {@link ReplicaWal} while open. */
    static final class CapturedLog implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger(ReplicaWal.class);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        CapturedLog() {
            appender.start();
            logger.addAppender(appender);
        }

        List<String> lines(Level level) {
            List<String> out = new ArrayList<>();
            for (ILoggingEvent e : appender.list) {
                if (e.getLevel() == level) {
                    out.add(e.getFormattedMessage());
                }
            }
            return out;
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}

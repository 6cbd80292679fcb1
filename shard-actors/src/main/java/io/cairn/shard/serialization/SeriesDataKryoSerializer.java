package io.cairn.shard.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.model.Labels;

/**
 * Carries a {@link SeriesData} in read answers: the labels, then only the {@code count} valid
 * samples (the arrays may be longer), timestamps as the first value and zig-zag varint deltas
 * (scrape intervals are small and regular), values as raw IEEE-754 bits so that NaNs, staleness
 * markers included, travel bit for bit. The receiver gets exact-length arrays it owns.
 *
 * <p>Stateless and thread safe.
 */
final class SeriesDataKryoSerializer extends Serializer<SeriesData> {

    SeriesDataKryoSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, SeriesData s) {
        kryo.writeObject(output, s.labels());
        int n = s.count();
        output.writeVarInt(n, true);
        long[] ts = s.timestamps();
        long prev = 0;
        for (int i = 0; i < n; i++) {
            output.writeVarLong(ts[i] - prev, false);
            prev = ts[i];
        }
        double[] vs = s.values();
        for (int i = 0; i < n; i++) {
            output.writeLong(Double.doubleToRawLongBits(vs[i]));
        }
    }

    @Override
    public SeriesData read(Kryo kryo, Input input, Class<? extends SeriesData> type) {
        Labels labels = kryo.readObject(input, Labels.class);
        int n = input.readVarInt(true);
        // Each sample takes at least 9 bytes; a count beyond that is a corrupt message, not a
        // reason to allocate gigabytes.
        if (n < 0 || (long) n * 9 > input.limit() - input.position()) {
            throw new KryoException("series data of " + labels + " claims " + n
                    + " samples, more than the message holds");
        }
        long[] ts = new long[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            prev += input.readVarLong(false);
            ts[i] = prev;
        }
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            vs[i] = Double.longBitsToDouble(input.readLong());
        }
        return new SeriesData(labels, ts, vs, n);
    }
}

package io.cairn.storage.model;

/**
 * A tenant: (accountID, projectID), two unsigned 32-bit integers held in Java ints.
 * Written {@code 7} or {@code 7:3}; {@code 0:0} when absent. No query ever crosses tenants.
 */
public record Tenant(int accountId, int projectId) implements Comparable<Tenant> {
    public static final Tenant DEFAULT = new Tenant(0, 0);

    /**
     * Parses {@code "7"} or {@code "7:3"}.
     *
     * @throws IllegalArgumentException naming the bad text when it is not one or two unsigned
     *     32-bit decimal integers
     */
    public static Tenant parse(String text) {
        int colon = text.indexOf(':');
        try {
            if (colon < 0) {
                return new Tenant(Integer.parseUnsignedInt(text), 0);
            }
            return new Tenant(
                    Integer.parseUnsignedInt(text.substring(0, colon)),
                    Integer.parseUnsignedInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "cannot parse tenant \"" + text + "\": want accountID or accountID:projectID, "
                            + "each an unsigned 32-bit integer");
        }
    }

    /** Both ids packed into one long (account in the high half), e.g. for primitive maps. */
    public long packed() {
        return ((long) accountId << 32) | (projectId & 0xFFFF_FFFFL);
    }

    public static Tenant unpack(long packed) {
        return new Tenant((int) (packed >>> 32), (int) packed);
    }

    @Override
    public int compareTo(Tenant o) {
        return Long.compareUnsigned(packed(), o.packed());
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(accountId) + ":" + Integer.toUnsignedString(projectId);
    }
}

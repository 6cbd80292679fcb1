package io.cairn.shard.serialization;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Class resolver that writes every implementation of the typed {@link ActorRef} interface (local,
 * remote, adapter classes Pekko keeps internal) under the one registration of
 * {@code ActorRef.class}, so messages may hold any {@code ActorRef} without registering Pekko's
 * internal classes. Likewise every JDK {@link List} without a registration of its own (sub-list
 * views, {@code Arrays.asList}, unmodifiable wrappers) travels as an {@link ArrayList}: the
 * receiver gets a list with the same elements, whatever view the sender held. Confined to its
 * Kryo instance, like Kryo itself.
 */
final class ActorRefAwareClassResolver extends DefaultClassResolver {

    @Override
    public Registration getRegistration(Class type) {
        Registration r = super.getRegistration(type);
        if (r == null && type != ActorRef.class && ActorRef.class.isAssignableFrom(type)) {
            r = super.getRegistration(ActorRef.class);
            if (r != null) {
                classToRegistration.put(type, r); // remember the concrete class; reading goes by id
            }
        } else if (r == null && List.class.isAssignableFrom(type)
                && type.getName().startsWith("java.util.")) {
            // ArrayList's collection serializer writes any list by iterating it.
            r = super.getRegistration(ArrayList.class);
            if (r != null) {
                classToRegistration.put(type, r);
            }
        }
        return r;
    }
}

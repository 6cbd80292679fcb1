package io.cairn.node;

import io.cairn.node.config.NodeSettings;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.javadsl.PekkoManagement;

/**
 * Root actor of a node: joins the cluster (itself when no seed nodes are given), starts the
 * storage shards, and binds HTTP and Pekko Management. A failed bind stops the node.
 */
public final class NodeGuardian {
    public sealed interface Command {}

    private record HttpBound(ServerBinding binding) implements Command {}

    private record StartFailed(String what, Throwable cause) implements Command {}

    private NodeGuardian() {}

    public static Behavior<Command> create(NodeSettings settings, NodeId nodeId) {
        return Behaviors.setup(ctx -> {
            Cluster cluster = Cluster.get(ctx.getSystem());
            if (settings.seedNodes().isEmpty()) {
                cluster.manager().tell(Join.create(cluster.selfMember().address()));
            }
            NodeServices services = new NodeServices(ctx.getSystem(), settings, nodeId);
            bindHttp(ctx, settings, services);
            PekkoManagement.get(ctx.getSystem()).start().whenComplete((uri, err) -> {
                if (err != null) {
                    ctx.getSelf().tell(new StartFailed("Pekko Management on "
                            + settings.managementListen(), err));
                }
            });
            return running(settings);
        });
    }

    private static void bindHttp(ActorContext<Command> ctx, NodeSettings settings,
            NodeServices services) {
        ctx.pipeToSelf(
                Http.get(ctx.getSystem())
                        .newServerAt(settings.httpListen().host(), settings.httpListen().port())
                        .bind(services.routes()),
                (binding, err) -> err != null
                        ? new StartFailed("HTTP on " + settings.httpListen(), err)
                        : new HttpBound(binding));
    }

    private static Behavior<Command> running(NodeSettings settings) {
        return Behaviors.receive(Command.class)
                .onMessage(HttpBound.class, msg -> {
                    org.slf4j.LoggerFactory.getLogger(NodeGuardian.class).info(
                            "serving HTTP on {}", msg.binding().localAddress());
                    return Behaviors.same();
                })
                .onMessage(StartFailed.class, msg -> {
                    throw new IllegalStateException("cannot start " + msg.what() + ": "
                            + msg.cause().getMessage(), msg.cause());
                })
                .build();
    }
}

package io.tabsynth.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Just enough of a Jupyter client for tests: writes a connection file, talks to a kernel's shell and iopub
 * sockets with signed messages (Jupyter messaging protocol 5.3), and collects what a request published.
 */
final class KernelClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String DELIMITER = "<IDS|MSG>";
    private static final String SCHEME = "HmacSHA256";
    /** How long one reply or published message may take (a cold JVM fitting a model on a busy machine). */
    static final int RECEIVE_MILLIS = 120_000;
    private static final int READY_POLL_MILLIS = 500;
    private static final int READY_POLLS = 60;

    /** A message: its type, content and the request it answers. */
    record Message(String type, JsonNode content, String parent) {
    }

    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket iopub;
    private final byte[] key;
    private final String session = UUID.randomUUID().toString();

    private KernelClient(JsonNode connection) {
        key = connection.path("key").asText().getBytes(StandardCharsets.UTF_8);
        String address = "tcp://" + connection.path("ip").asText() + ":";
        shell = context.createSocket(SocketType.DEALER);
        shell.setReceiveTimeOut(RECEIVE_MILLIS);
        shell.connect(address + connection.path("shell_port").asInt());
        iopub = context.createSocket(SocketType.SUB);
        iopub.setReceiveTimeOut(RECEIVE_MILLIS);
        iopub.subscribe(new byte[0]);
        iopub.connect(address + connection.path("iopub_port").asInt());
    }

    /** Writes a connection file with free local ports and a fresh key; returns the client for it. */
    static KernelClient connectionFile(Path file) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.put("transport", "tcp");
        c.put("ip", "127.0.0.1");
        for (String port : List.of("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")) {
            try (ServerSocket s = new ServerSocket(0)) {
                c.put(port, s.getLocalPort());
            }
        }
        c.put("signature_scheme", "hmac-sha256");
        c.put("key", UUID.randomUUID().toString());
        Files.writeString(file, JSON.writeValueAsString(c));
        return new KernelClient(c);
    }

    /** Sends a request on the shell socket; returns its message id. */
    String send(String type, ObjectNode content) throws IOException {
        String id = UUID.randomUUID().toString();
        ObjectNode header = JSON.createObjectNode();
        header.put("msg_id", id);
        header.put("session", session);
        header.put("username", "test");
        header.put("date", java.time.Instant.now().toString());
        header.put("msg_type", type);
        header.put("version", "5.3");
        List<byte[]> parts = new ArrayList<>();
        for (JsonNode n : List.of(header, JSON.createObjectNode(), JSON.createObjectNode(), content)) {
            parts.add(JSON.writeValueAsBytes(n));
        }
        shell.sendMore(DELIMITER);
        shell.sendMore(sign(parts));
        for (int i = 0; i < parts.size(); i++) {
            shell.send(parts.get(i), i < parts.size() - 1 ? ZMQ.SNDMORE : 0);
        }
        return id;
    }

    /** The shell reply to a request. */
    Message reply() throws IOException {
        return receive(shell);
    }

    /** Everything the kernel published for request {@code id}, up to its return to idle. */
    List<Message> published(String id) throws IOException {
        List<Message> out = new ArrayList<>();
        while (true) {
            Message m = receive(iopub);
            if (!id.equals(m.parent())) {
                continue;
            }
            if (m.type().equals("status") && m.content().path("execution_state").asText().equals("idle")) {
                return out;
            }
            out.add(m);
        }
    }

    /**
     * Waits until the kernel answers and its published messages reach this client (a subscriber that connects
     * late misses what was published before): asks for kernel_info until its busy and idle come through.
     */
    void awaitReady() throws IOException {
        iopub.setReceiveTimeOut(READY_POLL_MILLIS);
        try {
            for (int i = 0; i < READY_POLLS; i++) {
                String id = send("kernel_info_request", JSON.createObjectNode());
                reply();
                try {
                    published(id);
                    return;
                } catch (IOException late) {
                    // the subscription was not through yet: ask again
                }
            }
            throw new IOException("the kernel's published messages never arrived");
        } finally {
            iopub.setReceiveTimeOut(RECEIVE_MILLIS);
        }
    }

    /** A request, its reply, and what it published. */
    record Exchange(Message reply, List<Message> published) {
        List<Message> of(String type) {
            return published.stream().filter(m -> m.type().equals(type)).toList();
        }
    }

    Exchange request(String type, ObjectNode content) throws IOException {
        String id = send(type, content);
        Message reply = reply();
        return new Exchange(reply, published(id));
    }

    Exchange execute(String code) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.put("code", code);
        c.put("silent", false);
        c.put("store_history", true);
        c.putObject("user_expressions");
        c.put("allow_stdin", false);
        c.put("stop_on_error", true);
        return request("execute_request", c);
    }

    private Message receive(ZMQ.Socket socket) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] f = socket.recv(0);
            if (f == null) {
                throw new IOException("no message from the kernel within " + RECEIVE_MILLIS + " ms");
            }
            frames.add(f);
        } while (socket.hasReceiveMore());
        int d = 0;
        while (!new String(frames.get(d), StandardCharsets.UTF_8).equals(DELIMITER)) {
            d++;
        }
        List<byte[]> parts = frames.subList(d + 2, d + 6);
        String signature = new String(frames.get(d + 1), StandardCharsets.UTF_8);
        if (!signature.equals(sign(parts))) {
            throw new IOException("a message from the kernel with a wrong signature");
        }
        JsonNode header = JSON.readTree(parts.get(0));
        JsonNode parent = JSON.readTree(parts.get(1));
        return new Message(header.path("msg_type").asText(), JSON.readTree(parts.get(3)), parent.path("msg_id").asText());
    }

    private String sign(List<byte[]> parts) {
        try {
            Mac mac = Mac.getInstance(SCHEME);
            mac.init(new SecretKeySpec(key, SCHEME));
            parts.forEach(mac::update);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}

// The gRPC C core as Swift sees it. Only the RPC target imports this module.
//
// The system headers come first: the gRPC headers use types from them, and when Foundation has
// already pulled in a different view of those headers the module fails to build.
#ifndef BLOCKFENCE_CGRPC_H
#define BLOCKFENCE_CGRPC_H

#include <features.h>
#include <sys/select.h>
#include <stdlib.h>
#include <time.h>
#include <pthread.h>
#include <string.h>

#include <grpc/grpc.h>
#include <grpc/grpc_security.h>
#include <grpc/byte_buffer.h>
#include <grpc/byte_buffer_reader.h>
#include <grpc/slice.h>
#include <grpc/support/alloc.h>
#include <grpc/support/time.h>

// grpc_op carries its arguments in a union of anonymous structs; these fill one op each so Swift
// never spells the union.

static inline void bf_grpc_op_send_initial_metadata(
    grpc_op *op, grpc_metadata *metadata, size_t count, uint32_t flags) {
    memset(op, 0, sizeof *op);
    op->op = GRPC_OP_SEND_INITIAL_METADATA;
    op->flags = flags;
    op->data.send_initial_metadata.count = count;
    op->data.send_initial_metadata.metadata = metadata;
}

static inline void bf_grpc_op_send_message(grpc_op *op, grpc_byte_buffer *message) {
    memset(op, 0, sizeof *op);
    op->op = GRPC_OP_SEND_MESSAGE;
    op->data.send_message.send_message = message;
}

static inline void bf_grpc_op_send_close_from_client(grpc_op *op) {
    memset(op, 0, sizeof *op);
    op->op = GRPC_OP_SEND_CLOSE_FROM_CLIENT;
}

static inline void bf_grpc_op_send_status_from_server(
    grpc_op *op, grpc_status_code status, grpc_slice *details, grpc_metadata *trailing, size_t trailing_count) {
    memset(op, 0, sizeof *op);
    op->op = GRPC_OP_SEND_STATUS_FROM_SERVER;
    op->data.send_status_from_server.status = status;
    op->data.send_status_from_server.status_details = details;
    op->data.send_status_from_server.trailing_metadata = trailing;
    op->data.send_status_from_server.trailing_metadata_count = trailing_count;
}

static inline void bf_grpc_op_recv_initial_metadata(grpc_op *op, grpc_metadata_array *metadata) {
    memset(op, 0, sizeof *op);
    op->op = GRPC_OP_RECV_INITIAL_METADATA;
    op->data.recv_initial_metadata.recv_initial_metadata = metadata;
}

static inline void bf_grpc_op_recv_message(grpc_op *op, grpc_byte_buffer **message) {
    memset(op, 0, sizeof *op);
    op->op = GRPC_OP_RECV_MESSAGE;
    op->data.recv_message.recv_message = message;
}

static inline void bf_grpc_op_recv_status_on_client(
    grpc_op *op, grpc_metadata_array *trailing, grpc_status_code *status, grpc_slice *details) {
    memset(op, 0, sizeof *op);
    op->op = GRPC_OP_RECV_STATUS_ON_CLIENT;
    op->data.recv_status_on_client.trailing_metadata = trailing;
    op->data.recv_status_on_client.status = status;
    op->data.recv_status_on_client.status_details = details;
}

static inline void bf_grpc_op_recv_close_on_server(grpc_op *op, int *cancelled) {
    memset(op, 0, sizeof *op);
    op->op = GRPC_OP_RECV_CLOSE_ON_SERVER;
    op->data.recv_close_on_server.cancelled = cancelled;
}

// GRPC_SLICE_START_PTR and GRPC_SLICE_LENGTH are macros over the slice's inline/refcounted union.

static inline const uint8_t *bf_grpc_slice_start(const grpc_slice *slice) {
    return GRPC_SLICE_START_PTR(*slice);
}

static inline size_t bf_grpc_slice_length(const grpc_slice *slice) {
    return GRPC_SLICE_LENGTH(*slice);
}

// Channel and server arguments are a tagged union too.

static inline void bf_grpc_arg_integer(grpc_arg *arg, char *key, int value) {
    memset(arg, 0, sizeof *arg);
    arg->type = GRPC_ARG_INTEGER;
    arg->key = key;
    arg->value.integer = value;
}

static inline void bf_grpc_arg_string(grpc_arg *arg, char *key, char *value) {
    memset(arg, 0, sizeof *arg);
    arg->type = GRPC_ARG_STRING;
    arg->key = key;
    arg->value.string = value;
}

static inline uint32_t bf_grpc_wait_for_ready_flags(void) {
    return GRPC_INITIAL_METADATA_WAIT_FOR_READY | GRPC_INITIAL_METADATA_WAIT_FOR_READY_EXPLICITLY_SET;
}

static inline uint32_t bf_grpc_propagate_defaults(void) {
    return GRPC_PROPAGATE_DEFAULTS;
}

#endif

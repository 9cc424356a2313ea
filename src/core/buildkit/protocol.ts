// The protobuf messages Docker Hosts exchanges with BuildKit (through the Engine API's build
// stream and its /session), described in code so the bundle needs no .proto file at run time.
// Field numbers are BuildKit's (api/services/control, session/auth, session/secrets,
// session/sshforward) and gRPC's health service.
import * as protobuf from 'protobufjs';

const timestamp = { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } };

const root = protobuf.Root.fromJSON({
  nested: {
    google: { nested: { protobuf: { nested: { Timestamp: timestamp } } } },
    moby: {
      nested: {
        buildkit: {
          nested: {
            v1: {
              nested: {
                StatusResponse: {
                  fields: {
                    vertexes: { rule: 'repeated', type: 'Vertex', id: 1 },
                    statuses: { rule: 'repeated', type: 'VertexStatus', id: 2 },
                    logs: { rule: 'repeated', type: 'VertexLog', id: 3 },
                    warnings: { rule: 'repeated', type: 'VertexWarning', id: 4 },
                  },
                },
                Vertex: {
                  fields: {
                    digest: { type: 'string', id: 1 },
                    inputs: { rule: 'repeated', type: 'string', id: 2 },
                    name: { type: 'string', id: 3 },
                    cached: { type: 'bool', id: 4 },
                    started: { type: 'google.protobuf.Timestamp', id: 5 },
                    completed: { type: 'google.protobuf.Timestamp', id: 6 },
                    error: { type: 'string', id: 7 },
                  },
                },
                VertexStatus: {
                  fields: {
                    ID: { type: 'string', id: 1 },
                    vertex: { type: 'string', id: 2 },
                    name: { type: 'string', id: 3 },
                    current: { type: 'int64', id: 4 },
                    total: { type: 'int64', id: 5 },
                    timestamp: { type: 'google.protobuf.Timestamp', id: 6 },
                    started: { type: 'google.protobuf.Timestamp', id: 7 },
                    completed: { type: 'google.protobuf.Timestamp', id: 8 },
                  },
                },
                VertexLog: {
                  fields: {
                    vertex: { type: 'string', id: 1 },
                    timestamp: { type: 'google.protobuf.Timestamp', id: 2 },
                    stream: { type: 'int64', id: 3 },
                    msg: { type: 'bytes', id: 4 },
                  },
                },
                VertexWarning: {
                  fields: {
                    vertex: { type: 'string', id: 1 },
                    level: { type: 'int64', id: 2 },
                    short: { type: 'bytes', id: 3 },
                    detail: { rule: 'repeated', type: 'bytes', id: 4 },
                    url: { type: 'string', id: 5 },
                  },
                },
              },
            },
            secrets: {
              nested: {
                v1: {
                  nested: {
                    GetSecretRequest: { fields: { ID: { type: 'string', id: 1 } } },
                    GetSecretResponse: { fields: { data: { type: 'bytes', id: 1 } } },
                  },
                },
              },
            },
          },
        },
        filesync: {
          nested: {
            v1: {
              nested: {
                CredentialsRequest: { fields: { Host: { type: 'string', id: 1 } } },
                BytesMessage: { fields: { data: { type: 'bytes', id: 1 } } },
                CredentialsResponse: { fields: { Username: { type: 'string', id: 1 }, Secret: { type: 'string', id: 2 } } },
              },
            },
          },
        },
        sshforward: {
          nested: {
            v1: {
              nested: {
                BytesMessage: { fields: { data: { type: 'bytes', id: 1 } } },
                CheckAgentRequest: { fields: { ID: { type: 'string', id: 1 } } },
                CheckAgentResponse: { fields: {} },
              },
            },
          },
        },
      },
    },
    fsutil: {
      nested: {
        types: {
          nested: {
            Packet: {
              fields: {
                type: { type: 'int32', id: 1 },
                stat: { type: 'Stat', id: 2 },
                ID: { type: 'uint32', id: 3 },
                data: { type: 'bytes', id: 4 },
              },
            },
            Stat: {
              fields: {
                path: { type: 'string', id: 1 },
                mode: { type: 'uint32', id: 2 },
                uid: { type: 'int64', id: 3 },
                gid: { type: 'int64', id: 4 },
                size: { type: 'int64', id: 5 },
                modTime: { type: 'int64', id: 6 },
                linkname: { type: 'string', id: 7 },
              },
            },
          },
        },
      },
    },
    grpc: {
      nested: {
        health: {
          nested: {
            v1: {
              nested: {
                HealthCheckRequest: { fields: { service: { type: 'string', id: 1 } } },
                HealthCheckResponse: { fields: { status: { type: 'int32', id: 1 } } },
              },
            },
          },
        },
      },
    },
  },
});

export function messageType(name: string): protobuf.Type {
  return root.lookupType(name);
}

export interface TraceTimestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/** One BuildKit status update (`moby.buildkit.trace` in the build stream), as decoded. */
export interface StatusUpdate {
  readonly vertexes: readonly TraceVertex[];
  readonly statuses: readonly TraceStatus[];
  readonly logs: readonly TraceLog[];
  readonly warnings: readonly TraceWarning[];
}

export interface TraceVertex {
  readonly digest: string;
  readonly name: string;
  readonly cached: boolean;
  readonly started?: TraceTimestamp;
  readonly completed?: TraceTimestamp;
  readonly error: string;
}

export interface TraceStatus {
  readonly ID: string;
  readonly vertex: string;
  readonly name: string;
  readonly current: number;
  readonly total: number;
  readonly completed?: TraceTimestamp;
}

export interface TraceLog {
  readonly vertex: string;
  readonly timestamp?: TraceTimestamp;
  readonly stream: number;
  readonly msg: Buffer;
}

export interface TraceWarning {
  readonly vertex: string;
  readonly short: Buffer;
  readonly url: string;
}

const statusResponse = messageType('moby.buildkit.v1.StatusResponse');

/**
 * Decodes the base64 `aux` of a trace message. Longs become numbers (durations and byte counts
 * fit); a message that is not a StatusResponse throws.
 */
export function decodeStatusUpdate(base64: string): StatusUpdate {
  const message = statusResponse.decode(Buffer.from(base64, 'base64'));
  return statusResponse.toObject(message, { longs: Number, bytes: Buffer, arrays: true, defaults: true }) as unknown as StatusUpdate;
}

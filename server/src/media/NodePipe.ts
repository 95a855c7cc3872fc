import type { types } from 'mediasoup';
import { ErrorCode, type MediaKind, type PipeTuple, type RtpParametersWire } from '@ca/signaling';
import { AppError } from '../errors.js';

/** Where a node's pipe transports listen (the media listen IP and the address other nodes reach it by). */
export type PipeListen = { ip: string; announcedAddress?: string | undefined };

/** Socket buffers of a pipe transport, each way. */
const PIPE_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

/** Where pipe transports to other nodes listen: the first of the WebRTC listen addresses. */
export function pipeListenOf(settings: { listenInfos: readonly { ip: string; announcedAddress?: string | undefined }[] }): PipeListen {
  const first = settings.listenInfos[0];
  if (!first) throw new AppError(ErrorCode.Internal, 'no listen address for media is configured');
  return { ip: first.ip, announcedAddress: first.announcedAddress };
}

/** What one end sends down the pipe and the other end produces from. */
export type PipedProducer = { producerId: string; kind: MediaKind; rtpParameters: RtpParametersWire; paused: boolean };

/**
 * One end of a media pipe between two nodes: a mediasoup PipeTransport (plain RTP over
 * UDP, SRTP-protected, with RTX/NACK for a lossy link) on a router of this node. The
 * stage's node `send`s producers down it; the overflow node `receive`s them as producers
 * with the same ids, which its own routers and viewers then use like local ones.
 * mediasoup's `pipeToRouter` does the same within one host; across hosts each end is made
 * separately and told the other's tuple (`connect`).
 */
export class NodePipe {
  readonly #transport: types.PipeTransport;
  readonly #received = new Map<string, types.Producer>();
  /** Producers sent down the pipe, each once (a repeated request gets the same answer). */
  readonly #sent = new Map<string, Promise<PipedProducer>>();

  private constructor(transport: types.PipeTransport) {
    this.#transport = transport;
  }

  static async create(router: types.Router, listen: PipeListen): Promise<NodePipe> {
    const transport = await router.createPipeTransport({
      listenInfo: {
        protocol: 'udp',
        ip: listen.ip,
        ...(listen.announcedAddress ? { announcedAddress: listen.announcedAddress } : {}),
        // One pipe carries a whole stage: the kernel's default buffer (~200 KiB, ~0.1 s of it) drops
        // packets whenever the worker is descheduled on a busy machine (bench/, "relay"). The kernel caps these at its rmem_max/wmem_max.
        recvBufferSize: PIPE_SOCKET_BUFFER_BYTES,
        sendBufferSize: PIPE_SOCKET_BUFFER_BYTES,
      },
      enableRtx: true,
      enableSrtp: true,
    });
    return new NodePipe(transport);
  }

  get closed(): boolean {
    return this.#transport.closed;
  }

  /** This end's address, port and SRTP keys, for the other node. */
  get tuple(): PipeTuple {
    const { localAddress, localIp, localPort } = this.#transport.tuple;
    const srtp = this.#transport.srtpParameters;
    if (!srtp) throw new AppError(ErrorCode.Internal, 'a pipe transport without SRTP parameters');
    return { ip: localAddress ?? localIp, port: localPort, srtpParameters: { cryptoSuite: srtp.cryptoSuite, keyBase64: srtp.keyBase64 } };
  }

  async connect(remote: PipeTuple): Promise<void> {
    await this.#transport.connect({
      ip: remote.ip,
      port: remote.port,
      srtpParameters: { cryptoSuite: remote.srtpParameters.cryptoSuite as types.SrtpCryptoSuite, keyBase64: remote.srtpParameters.keyBase64 },
    });
  }

  /** Stage side: sends a producer of this router down the pipe (a pipe consumer follows its pauses and closes with it). */
  send(producerId: string): Promise<PipedProducer> {
    let sent = this.#sent.get(producerId);
    if (!sent) {
      sent = this.#transport.consume({ producerId }).then((consumer) => {
        consumer.observer.once('close', () => this.#sent.delete(producerId));
        return {
          producerId,
          kind: consumer.kind,
          rtpParameters: consumer.rtpParameters as RtpParametersWire,
          paused: consumer.producerPaused,
        };
      });
      this.#sent.set(producerId, sent);
      sent.catch(() => this.#sent.delete(producerId));
    }
    return sent;
  }

  /** Overflow side: the producer arriving down the pipe, with the stage's producer id. */
  async receive(piped: PipedProducer): Promise<types.Producer> {
    const producer = await this.#transport.produce({
      id: piped.producerId,
      kind: piped.kind,
      rtpParameters: piped.rtpParameters as types.RtpParameters,
      paused: piped.paused,
    });
    this.#received.set(producer.id, producer);
    producer.observer.once('close', () => this.#received.delete(producer.id));
    return producer;
  }

  /** A producer received earlier (undefined once closed). */
  received(producerId: string): types.Producer | undefined {
    return this.#received.get(producerId);
  }

  close(): void {
    this.#transport.close();
  }
}

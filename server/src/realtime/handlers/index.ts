import type { HandlerMap } from '../types.js';
import { broadcastToBreakouts, closeBreakouts, moveToBreakout, openBreakouts } from './breakouts.js';
import { closeProducer } from './closeProducer.js';
import { connectTransport } from './connectTransport.js';
import { consume } from './consume.js';
import { createTransport } from './createTransport.js';
import { getRouterRtpCapabilities } from './getRouterRtpCapabilities.js';
import { admit } from './admit.js';
import { decline } from './decline.js';
import { lockRoom } from './lockRoom.js';
import { muteParticipant } from './muteParticipant.js';
import { removeParticipant } from './removeParticipant.js';
import { setOnStage } from './setOnStage.js';
import { recordingConsent } from './recordingConsent.js';
import { startRecording } from './startRecording.js';
import { stopRecording } from './stopRecording.js';
import { join } from './join.js';
import { knock } from './knock.js';
import { probeConnect } from './probeConnect.js';
import { probeData } from './probeData.js';
import { probeTransport } from './probeTransport.js';
import { raiseHand } from './raiseHand.js';
import { sendChat } from './sendChat.js';
import { restartIce } from './restartIce.js';
import { resume } from './resume.js';
import { setPreferredLayers } from './setPreferredLayers.js';
import { leave } from './leave.js';
import { reportStats } from './reportStats.js';
import { pauseConsumer } from './pauseConsumer.js';
import { pauseProducer } from './pauseProducer.js';
import { produce } from './produce.js';
import { resumeConsumer } from './resumeConsumer.js';
import { resumeProducer } from './resumeProducer.js';

/** One handler per request of the protocol; the compiler checks none is missing. */
export const handlers: HandlerMap = {
  join,
  resume,
  knock,
  getRouterRtpCapabilities,
  probeTransport,
  probeConnect,
  probeData,
  createTransport,
  connectTransport,
  produce,
  consume,
  resumeConsumer,
  pauseConsumer,
  pauseProducer,
  resumeProducer,
  closeProducer,
  restartIce,
  setPreferredLayers,
  sendChat,
  raiseHand,
  admit,
  decline,
  lockRoom,
  muteParticipant,
  removeParticipant,
  setOnStage,
  startRecording,
  stopRecording,
  recordingConsent,
  openBreakouts,
  moveToBreakout,
  broadcastToBreakouts,
  closeBreakouts,
  leave,
  reportStats,
};

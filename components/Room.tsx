'use client';

export function Room({ roomId }: { roomId: string }) {
  return <main data-room-id={roomId}>Room {roomId}</main>;
}

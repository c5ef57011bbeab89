import Link from 'next/link';
import { Room } from '@/components/room/Room';
import { isRoomId } from '@/lib/view/roomId';

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  if (!isRoomId(roomId)) {
    return (
      <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
        <h1 className="text-2xl font-semibold">Check your meeting code</h1>
        <p className="text-neutral-300">
          This link does not point to a meeting. A meeting code looks like abcd-efgh-jkmn.
        </p>
        <Link
          href="/"
          className="rounded-full bg-meet-accent px-5 py-2 font-medium text-neutral-900"
        >
          Go home
        </Link>
      </main>
    );
  }
  return <Room roomId={roomId} />;
}

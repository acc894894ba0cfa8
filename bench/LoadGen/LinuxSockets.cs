using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace IdP.LoadGen;

/// <summary>
/// The few Linux calls the event-loop generator (<see cref="OpenLoop"/>) makes itself, as wrk does: non-blocking TCP
/// sockets as plain descriptors, epoll, and a wait with a nanosecond timeout. .NET's own <see cref="Socket"/> would
/// put a second epoll thread and the thread pool between a readable socket and the code that times it.
/// IPv4 only: the bench's servers listen on 127.0.0.1.
/// </summary>
internal static unsafe partial class LinuxSockets
{
    public const uint In = 0x001;
    public const uint Out = 0x004;
    public const uint Error = 0x008;
    public const uint HangUp = 0x010;
    public const uint ReadHangUp = 0x2000;
    public const int Again = 11;
    public const int InProgress = 115;
    public const int Interrupted = 4;

    private const int AddressFamilyInet = 2;
    private const int SockStream = 1;
    private const int SockNonBlock = 0x800;
    private const int SockCloExec = 0x80000;
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const int SolSocket = 1;
    private const int SoError = 4;
    private const int SoReuseAddress = 2;
    private const int MsgNoSignal = 0x4000;
    private const int EpollCtlAdd = 1;
    private const int EpollCtlModify = 3;
    private const int PrSetTimerSlack = 29;

    /// <summary>Bytes of one <c>struct epoll_event</c>: packed (12) on x86-64, 16 with the data at offset 8 elsewhere.</summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int DataOffset = EventSize == 12 ? 4 : 8;

    /// <summary>A new epoll instance.</summary>
    public static int CreateEpoll() => Check(EpollCreate1(SockCloExec), "epoll_create1");

    /// <summary>
    /// A non-blocking TCP socket connecting to <paramref name="endPoint"/>: the connection completes later (the socket
    /// becomes writable) unless it failed at once (an exception).
    /// </summary>
    public static int StartConnect(IPEndPoint endPoint)
    {
        if (endPoint.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new NotSupportedException("The open-loop generator connects over IPv4 only (the bench's servers listen on 127.0.0.1).");
        }

        var fd = Check(SocketCreate(AddressFamilyInet, SockStream | SockNonBlock | SockCloExec, 0), "socket");
        var one = 1;
        _ = SetSockOpt(fd, IpProtoTcp, TcpNoDelay, &one, sizeof(int));
        var address = stackalloc byte[16];
        WriteAddress(address, endPoint);
        if (Connect(fd, address, 16) != 0 && Marshal.GetLastPInvokeError() is var error && error != InProgress)
        {
            _ = Close(fd);
            throw new SocketException(error);
        }

        return fd;
    }

    /// <summary>A non-blocking socket listening on 127.0.0.1:<paramref name="port"/> (the self-test's responder).</summary>
    public static int Listen(int port)
    {
        var fd = Check(SocketCreate(AddressFamilyInet, SockStream | SockNonBlock | SockCloExec, 0), "socket");
        var one = 1;
        _ = SetSockOpt(fd, SolSocket, SoReuseAddress, &one, sizeof(int));
        var address = stackalloc byte[16];
        WriteAddress(address, new IPEndPoint(IPAddress.Loopback, port));
        Check(Bind(fd, address, 16), "bind");
        Check(ListenNative(fd, 4096), "listen");
        return fd;
    }

    /// <summary>A connection waiting on <paramref name="listener"/> (non-blocking, no delay), or -1 when none is.</summary>
    public static int Accept(int listener)
    {
        var fd = Accept4(listener, null, null, SockNonBlock | SockCloExec);
        if (fd >= 0)
        {
            var one = 1;
            _ = SetSockOpt(fd, IpProtoTcp, TcpNoDelay, &one, sizeof(int));
        }

        return fd;
    }

    /// <summary>The pending error of a socket (0 when its connection succeeded).</summary>
    public static int PendingError(int fd)
    {
        int error = 0, length = sizeof(int);
        return GetSockOpt(fd, SolSocket, SoError, &error, &length) == 0 ? error : Marshal.GetLastPInvokeError();
    }

    /// <summary>Bytes sent, or -errno (−<see cref="Again"/> when the socket's buffer is full).</summary>
    public static int Send(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var sent = SendNative(fd, p, (nuint)data.Length, MsgNoSignal);
            return sent >= 0 ? (int)sent : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>Bytes read (0 at the end of the stream), or -errno (−<see cref="Again"/> when nothing is there).</summary>
    public static int Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var read = ReceiveNative(fd, p, (nuint)buffer.Length, 0);
            return read >= 0 ? (int)read : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>Watches <paramref name="fd"/> for <paramref name="events"/>, reporting <paramref name="data"/> with them.</summary>
    public static void Watch(int epoll, int fd, uint events, ulong data, bool add)
    {
        var e = stackalloc byte[16];
        *(uint*)e = events;
        *(ulong*)(e + DataOffset) = data;
        Check(EpollCtl(epoll, add ? EpollCtlAdd : EpollCtlModify, fd, e), "epoll_ctl");
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutNanoseconds"/> (0: just looks; negative: until something happens) and fills
    /// <paramref name="events"/>; returns how many (0 on a timeout or a signal).
    /// </summary>
    public static int Wait(int epoll, byte[] events, long timeoutNanoseconds)
    {
        fixed (byte* p = events)
        {
            int count;
            if (timeoutNanoseconds < 0)
            {
                count = EpollPWait2(epoll, p, events.Length / EventSize, null, 0);
            }
            else
            {
                var timeout = new TimeSpec(timeoutNanoseconds / 1_000_000_000, timeoutNanoseconds % 1_000_000_000);
                count = EpollPWait2(epoll, p, events.Length / EventSize, &timeout, 0);
            }

            if (count < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                return error == Interrupted ? 0 : throw new SocketException(error);
            }

            return count;
        }
    }

    /// <summary>The events and data of the <paramref name="i"/>th entry <see cref="Wait"/> filled in.</summary>
    public static (uint Events, ulong Data) EventAt(byte[] events, int i)
    {
        fixed (byte* p = events)
        {
            var e = p + (i * EventSize);
            return (*(uint*)e, *(ulong*)(e + DataOffset));
        }
    }

    /// <summary>Closes a descriptor (which also takes it out of every epoll set).</summary>
    public static void CloseSocket(int fd) => _ = Close(fd);

    /// <summary>
    /// Timer slack of the calling thread to 1 ns: the kernel otherwise lets a timed wait end up to 50 µs late to batch
    /// wake-ups, which would be send lag at tens of thousands of requests per second.
    /// </summary>
    public static void PreciseTimers() => _ = Prctl(PrSetTimerSlack, 1, 0, 0, 0);

    /// <summary>Puts the calling thread in the real-time class (SCHED_FIFO, lowest priority); false when not allowed.</summary>
    public static bool RealTime()
    {
        var priority = 1;
        return SchedSetScheduler(0, 1, &priority) == 0;
    }

    // struct sockaddr_in: family (host order), port (network order), address (network order), 8 bytes of zero.
    private static void WriteAddress(byte* address, IPEndPoint endPoint)
    {
        new Span<byte>(address, 16).Clear();
        *(ushort*)address = AddressFamilyInet;
        BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(address + 2, 2), (ushort)endPoint.Port);
        endPoint.Address.TryWriteBytes(new Span<byte>(address + 4, 4), out _);
    }

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new SocketException(Marshal.GetLastPInvokeError(), $"{call} failed");

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct TimeSpec(long seconds, long nanoseconds)
    {
        private readonly long _seconds = seconds;
        private readonly long _nanoseconds = nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epoll, int operation, int fd, byte* events);

    [LibraryImport("libc", EntryPoint = "epoll_pwait2", SetLastError = true)]
    private static partial int EpollPWait2(int epoll, byte* events, int maxEvents, TimeSpec* timeout, nint signalMask);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int SocketCreate(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int Connect(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)]
    private static partial int ListenNative(int fd, int backlog);

    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    private static partial int Accept4(int fd, byte* address, int* length, int flags);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSockOpt(int fd, int level, int name, void* value, int* length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint SendNative(int fd, byte* data, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint ReceiveNative(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, int* parameter);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
